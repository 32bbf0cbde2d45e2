# bash completion for nianbao — commands, then each command's options as its own help lists
# them (nianbao help COMMAND), so the completion never disagrees with the program; files
# otherwise, and the values of --format, --lang, --color, --encoding and --form.
_nianbao()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi
    local prog=${words[0]}
    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "extract check pdf convert forms help --help --version" -- "$cur"))
        return
    fi
    local cmd=${words[1]}
    case $prev in
    -f | --format) COMPREPLY=($(compgen -W "text json csv html xlsx" -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    -e | --encoding) COMPREPLY=($(compgen -W "UTF-8 UTF-16LE UTF-16BE GB18030 BIG5" -- "$cur")); return ;;
    --form) COMPREPLY=($(compgen -W "$("$prog" forms 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
    -o | --output | --forms | --fonts | --previous | --baseline | --write-baseline) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [ "$cmd" = help ]; then
        COMPREPLY=($(compgen -W "extract check pdf convert forms" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$("$prog" help "$cmd" 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _nianbao nianbao
