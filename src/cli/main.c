/*
 * main.c — the `nianbao` command line: subcommands, options, messages and exit codes.
 *
 * Must not: contain logic a library user would need. Everything here is parsing arguments,
 * calling libnianbao, and turning its results and errors into output and an exit status.
 */
#include "baseline.h"
#include "batch.h"
#include "years.h"
#include "workbook.h"
#include "msg.h"
#include "nianbao.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Exit codes (sysexits.h values where one fits; documented in --help and the README). */
enum {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1, /* ran, and found FAIL findings */
    EXIT_USAGE = 2,
    EXIT_DATAERR = 65,  /* input is not decodable text, or not a report */
    EXIT_NOINPUT = 66,  /* an input could not be opened or read */
    EXIT_SOFTWARE = 70, /* internal error */
    EXIT_IOERR = 74,    /* an output could not be written */
    EXIT_CONFIG = 78,   /* a form file is broken */
};

static const char *const MAIN_USAGE =
    "Usage: nianbao COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Read, check and typeset Chinese government information-disclosure annual reports\n"
    "(政府信息公开工作年度报告) from plain text in any encoding old archives use.\n"
    "\n"
    "Commands:\n"
    "  extract   decode a report and print its structure and statistics (JSON)\n"
    "  check     the discrepancy list: prose vs tables, sums, years, dates\n"
    "  pdf       typeset a report as PDF/A-1b after GB/T 9704\n"
    "  convert   whole archives: PDF, JSON and findings for every file\n"
    "  forms     list the statistics forms nianbao knows\n"
    "\n"
    "Options:\n"
    "  -h, --help      show this help, or a command's help: nianbao COMMAND --help\n"
    "                  or nianbao help COMMAND\n"
    "  -V, --version   show the version\n"
    "      --lang LANG zh or en: the language of help and messages (default: from LANG)\n"
    "\n"
    "A FILE of '-' reads standard input.\n"
    "Exit status: 0 success; 1 an error finding; 2 usage error; 65 undecodable input;\n"
    "66 input cannot be read; 70 internal error; 74 output cannot be written;\n"
    "78 a form file is broken.\n";

static const char *const COMMON_OPTIONS =
    "  -e, --encoding NAME     decode as NAME instead of detecting: UTF-8, UTF-16LE,\n"
    "                          UTF-16BE, GB18030 (also for GBK and GB2312), BIG5\n"
    "      --lenient           replace undecodable bytes with U+FFFD and warn, instead of\n"
    "                          stopping at the first one\n"
    "      --max-input-size N  refuse inputs larger than N bytes (suffix K, M or G;\n"
    "                          default 64M, at most 1G)\n"
    "      --max-warnings N    list at most N warnings per file, then only count them\n"
    "                          (default 1000)\n"
    "      --max-line-length N refuse lines longer than N bytes (default 16M, at most 1G)\n"
    "      --max-table-rows N  refuse tables of more than N rows (default 100000)\n"
    "      --max-row-cells N   refuse table rows of more than N cells (default 4096)\n"
    "      --max-headings N    refuse reports of more than N headings (default 20000)\n"
    "      --form ID           bind the tables to form ID (see 'nianbao forms') instead\n"
    "                          of the one that fits best\n"
    "      --forms DIR         read the form files from DIR (default: $NIANBAO_FORMS,\n"
    "                          else the installed forms)\n"
    "  -h, --help              show this help\n";

static const char *const EXTRACT_USAGE =
    "Usage: nianbao extract [OPTIONS] FILE...\n"
    "(a directory among the FILEs is searched for *.txt as convert searches one)\n"
    "\n"
    "Decode and parse each report and print what nianbao knows of it: the detected encoding,\n"
    "title, agency, year, signature date, the headings and the tables (rows and cells, each\n"
    "with its source line), the statistics form the tables follow, every table cell bound\n"
    "to that form (with its status: number, zero, blank, not applicable, text), and the\n"
    "figures the prose states. With several files, JSON output is one object per line\n"
    "(JSON Lines). The JSON and CSV are documented in docs/json.md.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT     json (default), csv (the bound cells, one per row, with a\n"
    "                          header row) or text (a summary)\n"
    "  -o, --output FILE       write to FILE (under a temporary name, renamed into place\n"
    "                          when complete) instead of standard output\n"
    "      --lang LANG         zh or en: the language of help and messages\n";

static const char *const CHECK_USAGE =
    "Usage: nianbao check [OPTIONS] FILE...\n"
    "(a directory among the FILEs is searched for *.txt as convert searches one)\n"
    "\n"
    "The discrepancy list. For each report: the statistics form's rules over its tables (sums,\n"
    "identities, a 其中 row never above its total, …), every figure the prose states against\n"
    "its table cell (98 in the text vs 155 in the table; 300余 means at least 300), and the\n"
    "document rules (years, the signature date, the standard sections, fees, text slips).\n"
    "What is no report text (page footers, form feeds, <br> or ** lines a conversion left, a\n"
    "converter's 正文 above the title) is listed as notes, one a kind with its lines\n"
    "[doc.debris], and left out of the PDF.\n"
    "Findings print like a compiler's, FILE:LINE: error: MESSAGE [rule], with the other\n"
    "side's line in the message, then a summary line per file.\n"
    "Year against year: with several files, the reports of one agency (its name compared as\n"
    "the README says) are put in order of year, and each is checked against the year\n"
    "before's (上年结转 = last year's 结转下年度继续办理, …; rules years.*); the grouping is\n"
    "listed at the end. --previous names the year before's report of one FILE.\n"
    "Status: FAIL; UNCERTAIN when a cell involved is blank or not a number (it is never read\n"
    "as zero); NOT_ASSESSABLE when the table is missing. A report whose statistics could not\n"
    "be checked at all (no table recognized, not a report, an HTML page) has an error saying\n"
    "so [doc.coverage]. Exit status: 1 iff some finding is an error (a FAIL at error level,\n"
    "or nothing checked); warnings and notes never change it; 0 otherwise; 65 undecodable\n"
    "input.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT     text (default), json (the extract JSON plus \"findings\"; JSON\n"
    "                          Lines for several files), csv (UTF-8 with BOM, one finding\n"
    "                          a row), html (the review page of one report: its text\n"
    "                          with both sides of each finding marked, self-contained) or\n"
    "                          xlsx (a workbook, with -o FILE.xlsx: 问题清单 with a 复核结论\n"
    "                          column, 统计数据, and 汇总 for several files)\n"
    "  -o, --output FILE       write to FILE (under a temporary name, renamed into place\n"
    "                          when complete) instead of standard output\n"
    "      --lang LANG         zh (default) or en: the language of the messages\n"
    "      --show-pass         list the checks that passed too\n"
    "      --baseline FILE     findings a reviewer has seen (--write-baseline, or a workbook\n"
    "                          of --format xlsx with its 复核结论 column filled in):\n"
    "                          listed as reviewed, not counted; entries no finding matches\n"
    "                          any more are listed as stale\n"
    "      --write-baseline FILE  write the findings of this run as a baseline\n"
    "      --ignore RULE       leave out the findings of RULE (t3.balance; prose. for a\n"
    "                          family); may be repeated\n"
    "      --previous LAST     check the one FILE against LAST, the same agency's report of\n"
    "                          the year before\n"
    "      --no-years          check each file on its own, not against the other years'\n"
    "      --color WHEN        auto (default: on a terminal, unless NO_COLOR is set),\n"
    "                          always or never\n";

static const char *const PDF_USAGE =
    "Usage: nianbao pdf [OPTIONS] FILE [-o OUT.pdf]\n"
    "\n"
    "Typeset a report as PDF/A-1b, laid out after GB/T 9704-2012 (A4, 22 lines of 28\n"
    "characters, 三号 body, 二号 title, headings in Hei and Kai, page numbers — N —), with\n"
    "subsetted embedded fonts, bookmarks for the headings and the title as window title.\n"
    "The file is written under a temporary name and renamed into place; the input is never\n"
    "overwritten. Characters no font has are drawn as 〓 and reported with their line.\n"
    "The report is checked as nianbao check does it: its findings and their summary line go\n"
    "to standard error (in Chinese unless --lang en); the exit status stays 0 unless\n"
    "--strict is given. Page footers, form feeds and lines of markup a conversion left are\n"
    "not typeset; the notes [doc.debris] list their lines. SOURCE_DATE_EPOCH, when set, gives\n"
    "the creation date (reproducible output).\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT.pdf    where to write (default: FILE with .pdf instead of .txt);\n"
    "                          - writes to standard output\n"
    "      --strict            exit 1 when the report has an error finding (a FAIL or\n"
    "                          UNCERTAIN of error severity, as check counts them); the PDF\n"
    "                          is written all the same\n"
    "      --tables HOW        form (default): a statistics table read with high confidence,\n"
    "                          every printed figure bound to the form, is set in the form's\n"
    "                          layout (its row and column labels, each value as printed);\n"
    "                          any other table as printed. source: every table as printed\n"
    "      --font-body FILE    a TrueType font for the body (default: AR PL SungtiL GB when\n"
    "                          installed, else WenQuanYi Micro Hei)\n"
    "      --font-heading FILE a TrueType font for the title and headings\n"
    "      --fonts DIR         where the built-in font is (default: $NIANBAO_FONTS, else the\n"
    "                          installed share/nianbao/fonts)\n"
    "      --max-pages N       refuse a report that needs more than N pages (default and\n"
    "                          most 32000)\n"
    "      --lang LANG         zh or en: the language of help and messages\n";

static const char *const CONVERT_USAGE =
    "Usage: nianbao convert [OPTIONS] INPUT... -o OUTDIR\n"
    "\n"
    "Convert whole archives. INPUT may be files or directories (searched recursively). For\n"
    "each report the output tree, which mirrors the input tree, gets NAME.pdf (PDF/A-1b),\n"
    "NAME.html (its review page) and NAME.json (the extract JSON with the findings); OUTDIR\n"
    "gets summary.csv (a row per report: file, encoding, form, year, agency, pages, FAIL and\n"
    "UNCERTAIN counts, the form's checks made and their number, status, error),\n"
    "findings.csv (every finding of every report), both UTF-8 with BOM, rows in input order,\n"
    "findings.xlsx (the same as a workbook, with a 汇总 sheet), index.html (a row per\n"
    "report, linked to its review page and PDF) and agencies.csv (the reports grouped by\n"
    "agency: each is checked against the same agency's report of the year before, as check\n"
    "over several files does).\n"
    "A file that cannot be converted never stops the run: it is listed with its error, and so\n"
    "is a wanted name that is not a regular file (a FIFO or device is never read; a broken\n"
    "link). A directory reached twice through symbolic links is searched once. No output\n"
    "ever replaces an input (OUTDIR may be the input directory itself).\n"
    "Outputs are written to anonymous files, checked and flushed to disk, and only then given\n"
    "their names, so an interrupted or killed run leaves no partial or temporary file; no file\n"
    "the run did not create is ever removed; a second run into the same OUTDIR waits for the\n"
    "first. Running again skips reports whose outputs record the input as it is now (size,\n"
    "modification time in nanoseconds, a hash of its text). PDF dates come from\n"
    "SOURCE_DATE_EPOCH, else from each input's modification time, so the output is the same\n"
    "whatever -j is.\n"
    "summary.csv's status is ok, fail (an error finding) or error (not converted).\n"
    "Exit status: 0 all converted, no error finding; 1 all converted, some error findings; 65\n"
    "some files\n"
    "could not be converted; 74 some output could not be written (a full disk, a directory\n"
    "not writable); 130 interrupted.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUTDIR     the output directory (created when missing)\n"
    "  -j, --jobs N            workers (default: the number of processors)\n"
    "      --include GLOB      convert the files in directories that match GLOB (repeatable;\n"
    "                          default *.txt)\n"
    "      --force             redo outputs that are up to date\n"
    "  -q, --quiet             no progress and no summary (errors are still printed)\n"
    "      --no-years          check each report on its own, not against the other years'\n"
    "      --lang LANG         zh (default) or en: the language of the findings\n"
    "      --font-body FILE, --font-heading FILE, --fonts DIR, --max-pages N\n"
    "                          as for nianbao pdf\n";

typedef struct cli {
    const char *command;
    size_t jobs;
    bool force, quiet;
    char *include[32];
    size_t ninclude;
    const char *baseline;       /* --baseline FILE */
    const char *write_baseline; /* --write-baseline FILE */
    const char *previous;       /* --previous FILE */
    bool no_years;              /* --no-years */
    char *ignore[32];           /* --ignore RULE */
    size_t nignore;
    const char *output;
    const char *font_body, *font_heading, *fonts_dir;
    size_t max_pages; /* --max-pages; 0: NB_DEFAULT_MAX_PAGES */
    const char *lang;
    const char *color;
    bool show_pass;
    bool strict;            /* pdf --strict: exit 1 when the report has an error finding */
    nb_table_layout tables; /* pdf --tables */
    bool rules;             /* forms --rules */
    const char *forms_dir;
    nb_formset *forms;
    nb_fontset *fonts; /* pdf and convert: opened once, shared by every report */
    nb_options opt;
    const char *format;
    int nfiles;
    char **files;
    bool searched;  /* a directory was searched: files is a list of its own, to free */
    size_t missing; /* files found there that cannot be read (said) */
} cli;

/* The language of help and of the program's own messages: --lang when given anywhere on the
 * command line, else the locale (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese), else English. */
static bool ui_zh;
static const char *in_ui(const char *en);

static void set_ui_language(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        const char *v = strncmp(argv[i], "--lang=", 7) == 0              ? argv[i] + 7
                        : strcmp(argv[i], "--lang") == 0 && i + 1 < argc ? argv[i + 1]
                                                                         : NULL;
        if (v && (strcmp(v, "zh") == 0 || strcmp(v, "en") == 0)) {
            ui_zh = v[0] == 'z';
            return;
        }
    }
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t k = 0; k < 3; k++) {
        const char *v = getenv(vars[k]);
        if (v && v[0]) {
            ui_zh = strncmp(v, "zh", 2) == 0;
            return;
        }
    }
}

static void print_usage(FILE *to, const char *usage, bool common)
{
    fputs(in_ui(usage), to);
    if (common) fputs(in_ui(COMMON_OPTIONS), to);
}

static int usage_error(const char *command, const char *fmt, const char *arg)
{
    fprintf(stderr, "nianbao%s%s%s", command ? " " : "", command ? command : "",
            ui_zh ? "：" : ": ");
    if (strcmp(fmt, "%s") == 0) arg = cli_msg(arg); /* (a fixed message) */
    fprintf(stderr, cli_msg(fmt), arg);
    fprintf(stderr,
            ui_zh ? "\n运行“nianbao %s%s--help”查看用法。\n"
                  : "\nTry 'nianbao %s%s--help' for more information.\n",
            command ? command : "", command ? " " : "");
    return EXIT_USAGE;
}

/* Parses "64M", "1048576", "2G"; false on anything else. */
static bool parse_size(const char *s, size_t *out)
{
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || s[0] == '-') return false;
    unsigned long long mul = 1;
    if (*end == 'K' || *end == 'k')
        mul = 1024ULL, end++;
    else if (*end == 'M' || *end == 'm')
        mul = 1024ULL * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        mul = 1024ULL * 1024 * 1024, end++;
    if (*end != '\0' || v > (unsigned long long)SIZE_MAX / mul) return false;
    *out = (size_t)(v * mul);
    return true;
}

enum {
    OPT_LENIENT = 256,
    OPT_MAX_INPUT,
    OPT_MAX_WARNINGS,
    OPT_FORM,
    OPT_FORMS,
    OPT_LANG,
    OPT_SHOW_PASS,
    OPT_RULES,
    OPT_COLOR,
    OPT_MAX_LINE,
    OPT_MAX_ROWS,
    OPT_MAX_CELLS,
    OPT_MAX_HEADINGS,
    OPT_MAX_PAGES,
    OPT_FONT_BODY,
    OPT_FONT_HEADING,
    OPT_FONTS,
    OPT_INCLUDE,
    OPT_FORCE,
    OPT_BASELINE,
    OPT_WRITE_BASELINE,
    OPT_IGNORE,
    OPT_PREVIOUS,
    OPT_NO_YEARS,
    OPT_STRICT,
    OPT_TABLES
};

/* True when option `name` is in `allowed`, a list of long option names between spaces. */
static bool option_allowed(const char *allowed, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = strstr(allowed, name); p; p = strstr(p + 1, name))
        if ((p == allowed || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0')) return true;
    return false;
}

/* Parses the options of a subcommand; an option that exists but is not in `allowed` (long
 * names) is a usage error, never silently ignored. Returns -1 to go on, or an exit status. */
static int parse_options(cli *c, int argc, char **argv, const char *usage, const char *allowed)
{
    static const struct option longopts[] = {
        {"encoding", required_argument, NULL, 'e'},
        {"format", required_argument, NULL, 'f'},
        {"lenient", no_argument, NULL, OPT_LENIENT},
        {"max-input-size", required_argument, NULL, OPT_MAX_INPUT},
        {"max-warnings", required_argument, NULL, OPT_MAX_WARNINGS},
        {"form", required_argument, NULL, OPT_FORM},
        {"forms", required_argument, NULL, OPT_FORMS},
        {"lang", required_argument, NULL, OPT_LANG},
        {"show-pass", no_argument, NULL, OPT_SHOW_PASS},
        {"rules", no_argument, NULL, OPT_RULES},
        {"color", required_argument, NULL, OPT_COLOR},
        {"max-line-length", required_argument, NULL, OPT_MAX_LINE},
        {"max-table-rows", required_argument, NULL, OPT_MAX_ROWS},
        {"max-row-cells", required_argument, NULL, OPT_MAX_CELLS},
        {"max-headings", required_argument, NULL, OPT_MAX_HEADINGS},
        {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
        {"output", required_argument, NULL, 'o'},
        {"font-body", required_argument, NULL, OPT_FONT_BODY},
        {"font-heading", required_argument, NULL, OPT_FONT_HEADING},
        {"fonts", required_argument, NULL, OPT_FONTS},
        {"jobs", required_argument, NULL, 'j'},
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"force", no_argument, NULL, OPT_FORCE},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
        {"ignore", required_argument, NULL, OPT_IGNORE},
        {"previous", required_argument, NULL, OPT_PREVIOUS},
        {"no-years", no_argument, NULL, OPT_NO_YEARS},
        {"quiet", no_argument, NULL, 'q'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"tables", required_argument, NULL, OPT_TABLES},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, ":e:f:o:j:qh", longopts, NULL)) != -1) {
        for (const struct option *o = longopts; ch != '?' && ch != ':' && o->name; o++)
            if (o->val == ch && !option_allowed(allowed, o->name)) {
                char name[64];
                if (ch < 256)
                    snprintf(name, sizeof name, "-%c (--%s)", ch, o->name);
                else
                    snprintf(name, sizeof name, "--%s", o->name);
                return usage_error(c->command, "option %s does not apply to this command", name);
            }
        switch (ch) {
        case 'e':
            if (!nb_encoding_from_name(optarg, &c->opt.encoding))
                return usage_error(c->command,
                                   "unknown encoding '%s' (known: UTF-8, UTF-16LE, UTF-16BE, "
                                   "GB18030, GBK, GB2312, BIG5)",
                                   optarg);
            break;
        case 'f':
            c->format = optarg;
            break;
        case OPT_LENIENT:
            c->opt.lenient = true;
            break;
        case OPT_MAX_INPUT:
            if (!parse_size(optarg, &c->opt.max_input_bytes) || c->opt.max_input_bytes == 0)
                return usage_error(c->command, "invalid size '%s' for --max-input-size", optarg);
            if (c->opt.max_input_bytes > NB_MOST_INPUT_BYTES)
                return usage_error(c->command, "--max-input-size is at most 1G, not '%s'", optarg);
            break;
        case OPT_MAX_WARNINGS:
            if (!parse_size(optarg, &c->opt.max_warnings))
                return usage_error(c->command, "invalid number '%s' for --max-warnings", optarg);
            break;
        case OPT_FORM:
            c->opt.form = optarg;
            break;
        case OPT_FORMS:
            c->forms_dir = optarg;
            break;
        case OPT_LANG:
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return usage_error(c->command, "unknown language '%s' (zh or en)", optarg);
            c->lang = optarg;
            break;
        case OPT_SHOW_PASS:
            c->show_pass = true;
            break;
        case OPT_RULES:
            c->rules = true;
            break;
        case 'o':
            c->output = optarg;
            break;
        case 'j':
            if (!parse_size(optarg, &c->jobs) || c->jobs == 0 || c->jobs > 256)
                return usage_error(c->command, "invalid number of jobs '%s' (1 to 256)", optarg);
            break;
        case 'q':
            c->quiet = true;
            break;
        case OPT_FORCE:
            c->force = true;
            break;
        case OPT_STRICT:
            c->strict = true;
            break;
        case OPT_TABLES:
            if (strcmp(optarg, "form") && strcmp(optarg, "source"))
                return usage_error(c->command, "--tables takes form or source, not '%s'", optarg);
            c->tables = strcmp(optarg, "source") == 0 ? NB_TABLES_SOURCE : NB_TABLES_FORM;
            break;
        case OPT_BASELINE:
            c->baseline = optarg;
            break;
        case OPT_WRITE_BASELINE:
            c->write_baseline = optarg;
            break;
        case OPT_PREVIOUS:
            c->previous = optarg;
            break;
        case OPT_NO_YEARS:
            c->no_years = true;
            break;
        case OPT_IGNORE:
            if (c->nignore == sizeof c->ignore / sizeof c->ignore[0])
                return usage_error(c->command, "too many --ignore rules (at most %s)", "32");
            c->ignore[c->nignore++] = optarg;
            break;
        case OPT_INCLUDE:
            if (c->ninclude == sizeof c->include / sizeof c->include[0])
                return usage_error(c->command, "too many --include patterns (at most %s)", "32");
            c->include[c->ninclude++] = optarg;
            break;
        case OPT_FONT_BODY:
            c->font_body = optarg;
            break;
        case OPT_FONT_HEADING:
            c->font_heading = optarg;
            break;
        case OPT_FONTS:
            c->fonts_dir = optarg;
            break;
        case OPT_MAX_LINE:
            if (!parse_size(optarg, &c->opt.max_line_bytes) || c->opt.max_line_bytes == 0)
                return usage_error(c->command, "invalid size '%s' for --max-line-length", optarg);
            if (c->opt.max_line_bytes > NB_MOST_LINE_BYTES)
                return usage_error(c->command,
                                   "--max-line-length is at most 1G (a line of one report), not "
                                   "'%s'",
                                   optarg);
            break;
        case OPT_MAX_ROWS:
            if (!parse_size(optarg, &c->opt.max_table_rows) || c->opt.max_table_rows == 0)
                return usage_error(c->command, "invalid number '%s' for --max-table-rows", optarg);
            break;
        case OPT_MAX_CELLS:
            if (!parse_size(optarg, &c->opt.max_row_cells) || c->opt.max_row_cells == 0)
                return usage_error(c->command, "invalid number '%s' for --max-row-cells", optarg);
            break;
        case OPT_MAX_HEADINGS:
            if (!parse_size(optarg, &c->opt.max_headings) || c->opt.max_headings == 0)
                return usage_error(c->command, "invalid number '%s' for --max-headings", optarg);
            break;
        case OPT_MAX_PAGES:
            if (!parse_size(optarg, &c->max_pages) || c->max_pages == 0 ||
                c->max_pages > NB_DEFAULT_MAX_PAGES)
                return usage_error(c->command,
                                   "--max-pages takes a number from 1 to 32000, not '%s'", optarg);
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
                return usage_error(c->command, "--color takes auto, always or never, not '%s'",
                                   optarg);
            c->color = optarg;
            break;
        case 'h':
            print_usage(stdout, usage, option_allowed(allowed, "encoding"));
            return EXIT_OK;
        case ':':
            return usage_error(c->command, "option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error(c->command, "unknown option '%s'", argv[optind - 1]);
        }
    }
    c->files = argv + optind;
    c->nfiles = argc - optind;
    return -1;
}

static void print_warnings(const nb_report *r)
{
    char buf[1024];
    for (size_t i = 0; i < nb_report_warning_count(r); i++) {
        const nb_warning *w = nb_report_warning(r, i);
        snprintf(buf, sizeof buf, cli_msg("%s:%zu:%zu: warning: %s, replaced with U+FFFD"),
                 nb_report_file(r), w->line, w->column, cli_zh() ? w->message_zh : w->message);
        fprintf(stderr, "%s\n", buf);
    }
    if (nb_report_warnings_dropped(r))
        cli_say("%s: warning: %zu more replacements not listed (--max-warnings)", nb_report_file(r),
                nb_report_warnings_dropped(r));
    if (nb_report_encoding_close(r)) { /* a note: the exit status does not change */
        bool big5 = nb_report_encoding(r) == NB_ENC_BIG5;
        cli_say("%s: note: read as %s, but %s is nearly as likely (a short text); if the text "
                "looks wrong, use --encoding %s",
                nb_report_file(r), big5 ? "BIG5" : "GB18030", big5 ? "GB18030" : "BIG5",
                big5 ? "gb18030" : "big5");
    }
}

static int exit_for(nb_code code)
{
    switch (code) {
    case NB_OK:
        return EXIT_OK;
    case NB_ERR_USAGE:
        return EXIT_USAGE;
    case NB_ERR_IO:
        return EXIT_NOINPUT;
    case NB_ERR_WRITE:
        return EXIT_IOERR;
    case NB_ERR_DECODE:
    case NB_ERR_LIMIT:
        return EXIT_DATAERR;
    case NB_ERR_NOMEM:
    case NB_ERR_INTERNAL:
        break;
    }
    return EXIT_SOFTWARE;
}

static int worst(int a, int b)
{
    /* An internal error outranks bad data, which outranks findings. */
    return a > b ? a : b;
}

/* Loads the forms once for the whole run; prints the error and returns an exit status when
 * the forms cannot be read (a directory missing or unreadable: its path and NIANBAO_FORMS are
 * named) or a form file is broken, before any report is read; -1 when all is well. Going on
 * without forms would check nothing and could look clean. */
static int load_forms(cli *c)
{
    nb_error err;
    c->forms = nb_formset_load(c->forms_dir, &err);
    if (c->forms) {
        c->opt.forms = c->forms;
        return -1;
    }
    char buf[1200];
    fprintf(stderr, "%s\n", nb_error_format_lang(&err, cli_lang(), buf, sizeof buf));
    return EXIT_CONFIG;
}

/* Opens input i, printing its warnings; on failure prints the error and worsens *status. */
static nb_report *open_input(cli *c, int i, nb_error *err, int *status)
{
    nb_report *r = nb_report_open(c->files[i], &c->opt, err);
    if (!r) {
        char buf[1200];
        fprintf(stderr, "%s\n", nb_error_format_lang(err, cli_lang(), buf, sizeof buf));
        *status = worst(*status, exit_for(err->code));
        return NULL;
    }
    print_warnings(r);
    return r;
}

/* Where extract and check write: standard output, or with -o FILE a temporary file beside
 * FILE, renamed into place once all of it is written. */
typedef struct output {
    FILE *f;
    const char *path; /* NULL for standard output */
    bool in_place;    /* a FIFO or device: written directly, never renamed onto */
    nb_outfile file;  /* a regular file: written anonymously, named when complete */
} output;

/* True, having said so, when writing path would overwrite one of the inputs. */
static bool overwrites_input(const cli *c, const char *path)
{
    for (int i = 0; i < c->nfiles; i++)
        if (nb_output_is_input(path, c->files[i])) {
            cli_say("nianbao %s: %s: refusing to overwrite an input", c->command, path);
            return true;
        }
    return false;
}

/* Opens the output; returns -1 to go on, or an exit status (after printing why). */
static int output_open(const cli *c, output *o)
{
    o->f = stdout;
    o->path = NULL;
    if (!c->output || strcmp(c->output, "-") == 0) return -1;
    if (overwrites_input(c, c->output)) return EXIT_USAGE;
    o->in_place = nb_output_in_place(c->output);
    if (o->in_place) {
        if (!(o->f = fopen(c->output, "w"))) {
            cli_say("%s: cannot write: %s", c->output, strerror(errno));
            return EXIT_IOERR;
        }
        o->path = c->output;
        return -1;
    }
    /* (the stream writes through a second descriptor; the outfile keeps its own to commit) */
    int fd = -1;
    if (nb_outfile_open(&o->file, c->output) != 0 || (fd = dup(o->file.fd)) < 0 ||
        !(o->f = fdopen(fd, "w"))) {
        cli_say("%s: cannot write: %s", c->output, strerror(errno));
        if (fd >= 0) close(fd);
        if (o->file.fd >= 0) nb_outfile_abort(&o->file);
        return EXIT_IOERR;
    }
    o->path = c->output;
    return -1;
}

/* Finishes the output: renamed into place when it was written whole, removed when not
 * (failed: a write already failed). Returns status, worsened when the output is lost. */
static int output_close(output *o, bool failed, int status)
{
    int e = 0;
    if (fflush(o->f) != 0 || ferror(o->f)) e = errno ? errno : EIO;
    if (o->path) {
        if (fclose(o->f) != 0 && !e) e = errno;
        /* flushed to disk and named only when whole */
        if (!o->in_place && (failed || e))
            nb_outfile_abort(&o->file);
        else if (!o->in_place && nb_outfile_commit(&o->file) != 0)
            e = errno;
    }
    if (e)
        cli_say("nianbao: %s: cannot write the output: %s",
                o->path ? o->path : cli_msg("standard output"), strerror(e));
    if (failed || e) status = worst(status, EXIT_IOERR);
    return status;
}

/* A directory among the inputs is searched as convert searches one (*.txt, sorted by path; a
 * file that cannot be read is said): c->files then lists what was found in its place. Returns
 * -1 to go on, or an exit status. */
static int expand_directories(cli *c)
{
    bool any = false;
    struct stat st;
    for (int i = 0; i < c->nfiles && !any; i++)
        any = stat(c->files[i], &st) == 0 && S_ISDIR(st.st_mode);
    if (!any) return -1;
    /* (every path of the new list is the list's own: freed with it, c->searched) */
    size_t total = 0;
    char **files = NULL;
    int i;
    for (i = 0; i < c->nfiles; i++) {
        size_t n = 1, missing = 0;
        char **found = NULL;
        if (stat(c->files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            batch_options o = {.inputs = &c->files[i], .ninputs = 1, .command = c->command};
            if (!(found = batch_list(&o, &n, &missing))) break;
            c->missing += missing;
            if (!n)
                cli_say("nianbao %s: %s: no .txt file found in this directory", c->command,
                        c->files[i]);
        }
        char **more = realloc(files, (total + n + 1) * sizeof *files);
        if (more) files = more;
        if (!more || (!found && !(files[total] = strdup(c->files[i])))) {
            for (size_t k = 0; found && k < n; k++) free(found[k]);
            free(found);
            break;
        }
        if (found) memcpy(files + total, found, n * sizeof *found);
        free(found);
        total += n;
    }
    if (i < c->nfiles) { /* out of memory */
        for (size_t k = 0; k < total; k++) free(files[k]);
        free(files);
        return EXIT_SOFTWARE;
    }
    files[total] = NULL;
    c->files = files;
    c->nfiles = (int)total;
    c->searched = true;
    return -1;
}

/* The start extract and check share: the format (one of `formats`, "json, csv or text"; def
 * when none is given), at least one input, the forms, the output. Returns -1 to go on, or an
 * exit status. */
static int start_reading(cli *c, const char *def, const char *formats, output *out)
{
    if (!c->format) c->format = def;
    size_t fl = strlen(c->format);
    const char *at = fl ? strstr(formats, c->format) : NULL;
    bool known = at && (at == formats || at[-1] == ' ') &&
                 (at[fl] == ',' || at[fl] == ' ' || at[fl] == '\0');
    if (!known) {
        char msg[300];
        snprintf(msg, sizeof msg, "unknown format '%.200s' (%s)", c->format, formats);
        return usage_error(c->command, "%s", msg);
    }
    if (c->nfiles == 0) return usage_error(c->command, "%s", "no input file (use - for stdin)");
    int rc = expand_directories(c);
    if (rc >= 0) return rc;
    if (c->nfiles == 0) return EXIT_NOINPUT; /* (said: nothing found) */
    if (strcmp(c->format, "html") == 0 && c->nfiles > 1)
        return usage_error(c->command, "%s",
                           "--format html takes one input file (convert writes a page for each)");
    if (c->previous && c->nfiles > 1)
        return usage_error(c->command, "%s",
                           "--previous names the year before's report of one input file");
    rc = load_forms(c);
    return rc >= 0 ? rc : output_open(c, out);
}

static int cmd_extract(cli *c)
{
    output out;
    int rc = start_reading(c, "json", "json, csv or text", &out);
    if (rc >= 0) return rc;
    bool json = strcmp(c->format, "json") == 0, csv = strcmp(c->format, "csv") == 0;
    int status = c->missing ? EXIT_NOINPUT : EXIT_OK;
    bool failed = false;
    for (int i = 0; i < c->nfiles && !failed; i++) {
        nb_error err;
        nb_report *r = open_input(c, i, &err, &status);
        if (!r) continue;
        unsigned flags = (c->nfiles == 1 ? NB_RENDER_PRETTY : 0) | (i == 0 ? NB_RENDER_HEADER : 0) |
                         (c->lang && strcmp(c->lang, "en") == 0 ? NB_RENDER_ENGLISH : 0);
        int w = nb_report_render(r, out.f,
                                 json  ? NB_FORMAT_JSON
                                 : csv ? NB_FORMAT_CELLS_CSV
                                       : NB_FORMAT_SUMMARY,
                                 flags, &err);
        failed = w != 0;
        nb_report_free(r);
    }
    return output_close(&out, failed, status);
}

static bool use_colour(const cli *c, FILE *out)
{
    if (c->color && strcmp(c->color, "always") == 0) return true;
    if (c->color && strcmp(c->color, "never") == 0) return false;
    const char *no = getenv("NO_COLOR");
    return isatty(fileno(out)) && !(no && no[0]);
}

/* Writes the baseline of this run atomically (nb_outfile): 0, or -1 (said). */
static int write_baseline(const char *path, const baseline *b)
{
    char *text = baseline_json(b);
    nb_outfile of;
    int rc = -1;
    if (text && nb_outfile_open(&of, path) == 0) {
        if (nb_outfile_write(&of, text, strlen(text)) == 0 && nb_outfile_write(&of, "\n", 1) == 0)
            rc = nb_outfile_commit(&of);
        else
            nb_outfile_abort(&of);
    }
    if (rc != 0)
        cli_say("nianbao check: %s: cannot write the baseline: %s", path,
                strerror(errno ? errno : ENOMEM));
    free(text);
    return rc;
}

/* Checks r against the year before's report at path (opened for its tables alone: its own
 * warnings and findings are its own check's). A report that cannot be opened is said, and r is
 * left as it is. -1 only when out of memory. */
static int compare_with_previous(cli *c, nb_report *r, const char *path)
{
    nb_error err;
    nb_options o = c->opt;
    o.check = false;
    nb_report *prev = nb_report_open(path, &o, &err);
    if (!prev) {
        char buf[1200];
        cli_say("nianbao check: %s: not checked against the year before: %s", nb_report_file(r),
                nb_error_format_lang(&err, cli_lang(), buf, sizeof buf));
        return 0;
    }
    char a[512], b[512];
    nb_agency_key(c->forms, nb_report_agency(r), a, sizeof a);
    nb_agency_key(c->forms, nb_report_agency(prev), b, sizeof b);
    if (c->previous && !nb_agency_same(a, b))
        cli_say("nianbao check: note: %s is signed '%s', %s '%s': are they one agency's?",
                nb_report_file(prev), nb_report_agency(prev), nb_report_file(r),
                nb_report_agency(r));
    int rc = nb_report_check_previous(r, prev, &err);
    nb_report_free(prev);
    return rc;
}

static int cmd_check(cli *c)
{
    output out;
    if (c->write_baseline && overwrites_input(c, c->write_baseline)) return EXIT_USAGE;
    /* a workbook is a file of its own (-o), written whole at the end */
    const char *xlsx = NULL;
    if (c->format && strcmp(c->format, "xlsx") == 0) {
        if (!c->output || strcmp(c->output, "-") == 0)
            return usage_error(c->command, "%s", "--format xlsx needs -o FILE.xlsx");
        if (overwrites_input(c, c->output)) return EXIT_USAGE;
        xlsx = c->output;
        c->output = NULL;
    }
    baseline *reviewed = NULL, *seen = NULL;
    if (c->baseline) {
        char why[1200];
        if (!(reviewed = baseline_load(c->baseline, why, sizeof why))) {
            cli_say("nianbao check: %s", why);
            return EXIT_NOINPUT;
        }
    }
    if (c->write_baseline && !(seen = baseline_new())) {
        baseline_free(reviewed);
        return EXIT_SOFTWARE;
    }
    int rc = start_reading(c, "text", "text, json, csv, html or xlsx", &out);
    if (rc >= 0) {
        baseline_free(reviewed);
        baseline_free(seen);
        return rc;
    }
    c->opt.check = true;
    bool json = strcmp(c->format, "json") == 0, csv = strcmp(c->format, "csv") == 0;
    bool html = strcmp(c->format, "html") == 0;
    wb_rows **sheets = xlsx ? calloc((size_t)c->nfiles + 1, sizeof *sheets) : NULL;
    size_t nsheets = 0;
    if (xlsx && !sheets) {
        baseline_free(reviewed);
        baseline_free(seen);
        return output_close(&out, true, EXIT_SOFTWARE);
    }
    const char *lang = c->lang ? c->lang : "zh";
    bool colour = !json && !csv && !html && !xlsx && use_colour(c, out.f);
    int status = c->missing ? EXIT_NOINPUT : EXIT_OK;
    bool failed = false;
    size_t files_with_fail = 0, total_fail = 0;
    bool years = c->nfiles > 1 && !c->no_years;
    years_plan *plan = years ? years_plan_make(c->files, (size_t)c->nfiles, NULL, &c->opt) : NULL;
    if (years && !plan) failed = true, status = EXIT_SOFTWARE;
    for (int i = 0; i < c->nfiles && !failed; i++) {
        nb_error err;
        nb_report *r = open_input(c, i, &err, &status);
        if (!r) continue;
        /* year against year: the year before's report named, or found among the files */
        long p = years_previous(plan, (size_t)i);
        const char *prev = c->previous ? c->previous : p >= 0 ? c->files[p] : NULL;
        if (prev && compare_with_previous(c, r, prev) != 0) status = worst(status, EXIT_SOFTWARE);
        /* (a rule ignored stays ignored, even where a baseline holds its findings) */
        if (reviewed) baseline_apply(reviewed, r);
        for (size_t k = 0; k < c->nignore; k++)
            nb_report_mark_rule(r, c->ignore[k], NB_REVIEW_IGNORED);
        if (seen && baseline_add_report(seen, r, lang) != 0) failed = true;
        unsigned flags = (c->nfiles == 1 ? NB_RENDER_PRETTY : 0) | (i == 0 ? NB_RENDER_HEADER : 0) |
                         (strcmp(lang, "en") == 0 ? NB_RENDER_ENGLISH : 0) |
                         (colour ? NB_RENDER_COLOUR : 0) | (c->show_pass ? NB_RENDER_SHOW_PASS : 0);
        int w = 0;
        if (xlsx)
            w = (sheets[nsheets] = wb_rows_of(r, strcmp(lang, "en") == 0)) ? (nsheets++, 0) : -1;
        else
            w = nb_report_render(r, out.f,
                                 json   ? NB_FORMAT_JSON
                                 : csv  ? NB_FORMAT_FINDINGS_CSV
                                 : html ? NB_FORMAT_HTML
                                        : NB_FORMAT_FINDINGS,
                                 flags, &err);
        failed = w != 0;
        nb_check_counts counts;
        nb_report_check_counts(r, &counts);
        if (nb_report_warning_count(r) + nb_report_warnings_dropped(r) > 0)
            status = worst(status, EXIT_DATAERR); /* its finding is doc.undecodable */
        if (counts.errors) { /* exit 1 iff an error finding: warnings and notes never */
            status = worst(status, EXIT_FINDINGS);
            files_with_fail++;
            total_fail += counts.errors;
        }
        /* baseline entries of this file that no finding matches any more */
        const char *sfp, *srule, *smsg;
        size_t sline;
        for (size_t k = 0; reviewed && baseline_stale(reviewed, nb_report_file(r), k, &sfp, &srule,
                                                      &smsg, &sline);
             k++) {
            FILE *to = json || csv || html ? stderr : out.f;
            fprintf(to,
                    strcmp(lang, "en") == 0
                        ? "%s: stale baseline entry %s [%s]: no finding matches it now (was line "
                          "%zu: %s)"
                        : "%s：过时的基线条目 %s [%s]：现在没有对应的问题（原第 %zu 行：%s）",
                    nb_report_file(r), sfp, srule, sline, smsg);
            fputc('\n', to);
        }
        nb_report_free(r);
    }
    if (seen && !failed && write_baseline(c->write_baseline, seen) != 0)
        status = worst(status, EXIT_IOERR);
    if (xlsx) {
        char why[1200];
        long long newest = 0;
        for (int k = 0; k < c->nfiles; k++) {
            struct stat st;
            if (stat(c->files[k], &st) == 0 && (long long)st.st_mtime > newest)
                newest = (long long)st.st_mtime;
        }
        if (!failed && wb_write(xlsx, sheets, nsheets, nsheets > 1, strcmp(lang, "en") == 0, newest,
                                why, sizeof why) != 0) {
            cli_say("nianbao check: %s", why);
            status = worst(status, EXIT_IOERR);
        }
        for (size_t k = 0; k < nsheets; k++) wb_rows_free(sheets[k]);
        free(sheets);
    }
    baseline_free(reviewed);
    baseline_free(seen);
    if (!json && !csv && !html && !xlsx && c->nfiles > 1 && !failed) {
        fprintf(out.f,
                strcmp(lang, "en") == 0 ? "%d files checked, %zu with failures (%zu failures)\n"
                                        : "共检查 %d 个文件，%zu 个有不通过项（共 %zu 项）\n",
                c->nfiles, files_with_fail, total_fail);
        years_plan_print(out.f, plan, strcmp(lang, "en") == 0);
    }
    years_plan_free(plan);
    return output_close(&out, failed, status);
}

static void pdf_warning(void *ctx, const char *file, size_t line, const char *message)
{
    (void)ctx;
    cli_say("%s:%zu: warning: %s", file, line, message);
}

/* The default output name: FILE.txt -> FILE.pdf, otherwise FILE + .pdf. */
static void default_output(const char *in, char *out, size_t size)
{
    size_t len = strlen(in);
    if (len > 4 && strcasecmp(in + len - 4, ".txt") == 0)
        snprintf(out, size, "%.*s.pdf", (int)(len - 4), in);
    else
        snprintf(out, size, "%s.pdf", in);
}

static const char *const FORMS_USAGE =
    "Usage: nianbao forms [--rules] [--forms DIR]\n"
    "\n"
    "List the statistics forms: id, the report years each is for, the size of its definition,\n"
    "and its title. With --rules, each form's checks follow: id, severity, what it states, and\n"
    "the official definition it rests on (the form's row labels, its notes, the notice that\n"
    "defines a fee), so a reviewer can see why a check exists.\n"
    "\n"
    "Options:\n"
    "      --rules             list each form's checks and their basis\n"
    "      --forms DIR         read the form files from DIR (default: $NIANBAO_FORMS,\n"
    "                          else the installed forms)\n"
    "      --lang LANG         zh or en: the language of help and messages\n"
    "  -h, --help              show this help\n";

/* ---- 中文帮助 (LANG, LC_MESSAGES or LC_ALL zh_*, or --lang zh) ----------------------------- */

static const char *const MAIN_USAGE_ZH =
    "用法：nianbao 命令 [选项] 文件...\n"
    "\n"
    "读取、核对并排版政府信息公开工作年度报告，支持旧档案中的各种文本编码。\n"
    "\n"
    "命令：\n"
    "  extract   解码报告，输出其结构和统计数据（JSON）\n"
    "  check     差错清单：正文与统计表、合计、年份、日期的核对\n"
    "  pdf       按 GB/T 9704 排版为 PDF/A-1b\n"
    "  convert   批量转换整个档案：为每个文件生成 PDF、JSON 和核对结果\n"
    "  forms     列出 nianbao 识别的统计表格式\n"
    "\n"
    "选项：\n"
    "  -h, --help      显示本帮助，或某个命令的帮助：nianbao 命令 --help\n"
    "                  或 nianbao help 命令\n"
    "  -V, --version   显示版本\n"
    "      --lang LANG zh 或 en：帮助和提示的语言（默认随 LANG 环境变量）\n"
    "\n"
    "文件为“-”时读取标准输入。\n"
    "退出状态：0 成功；1 有错误级别的核对结果；2 用法错误；65 输入无法解码；\n"
    "66 输入无法读取；70 内部错误；74 输出无法写入；78 统计表格式文件损坏。\n";

static const char *const COMMON_OPTIONS_ZH =
    "  -e, --encoding NAME     按 NAME 解码，不自动检测：UTF-8、UTF-16LE、UTF-16BE、\n"
    "                          GB18030（也用于 GBK 和 GB2312）、BIG5\n"
    "      --lenient           遇到无法解码的字节时替换为 U+FFFD 并警告，而不是在第一处停止\n"
    "      --max-input-size N  拒绝大于 N 字节的输入（可加后缀 K、M、G；默认 64M，最多 1G）\n"
    "      --max-warnings N    每个文件最多列出 N 条警告，其余只计数（默认 1000）\n"
    "      --max-line-length N 拒绝长于 N 字节的行（默认 16M，最多 1G）\n"
    "      --max-table-rows N  拒绝超过 N 行的表格（默认 100000）\n"
    "      --max-row-cells N   拒绝超过 N 个单元格的表格行（默认 4096）\n"
    "      --max-headings N    拒绝超过 N 个标题的报告（默认 20000）\n"
    "      --form ID           将表格按统计表格式 ID 读取（见 nianbao forms），不自动选择\n"
    "      --forms DIR         从 DIR 读取统计表格式文件（默认：$NIANBAO_FORMS，否则为\n"
    "                          安装的格式）\n"
    "  -h, --help              显示本帮助\n";

static const char *const EXTRACT_USAGE_ZH =
    "用法：nianbao extract [选项] 文件...\n"
    "（文件中的目录像 convert 那样搜索其中的 *.txt）\n"
    "\n"
    "解码并解析每份报告，输出 nianbao 读出的全部内容：检测到的编码、标题、发布机关、年度、\n"
    "落款日期、各级标题和表格（行和单元格，各带源文件行号）、表格所用的统计表格式、\n"
    "绑定到该格式的每个单元格（及其状态：数字、零、空白、不适用、文字），以及正文中\n"
    "写明的数字。多个文件时，JSON 每行一个对象（JSON Lines）。JSON 和 CSV 的格式见\n"
    "docs/json.md。\n"
    "\n"
    "选项：\n"
    "  -f, --format FORMAT     json（默认）、csv（绑定的单元格，每行一个，带表头）或\n"
    "                          text（摘要）\n"
    "  -o, --output FILE       写入 FILE（先写临时文件，完成后改名）而不是标准输出\n"
    "      --lang LANG         zh 或 en：帮助和提示的语言\n";

static const char *const CHECK_USAGE_ZH =
    "用法：nianbao check [选项] 文件...\n"
    "（文件中的目录像 convert 那样搜索其中的 *.txt）\n"
    "\n"
    "差错清单。对每份报告：按统计表格式的规则核对表格（合计、恒等关系、“其中”项不大于\n"
    "总数等），将正文写明的每个数字与对应单元格比对（正文 98 对表格 155；“300余”表示至少\n"
    "300），并核对文档规则（年份、落款日期、规定章节、收费、笔误）。结果按编译器的格式\n"
    "输出：文件:行: error: 说明 [规则]，说明中给出另一方的行号；每个文件最后一行为汇总。\n"
    "逐年核对：多个文件时，同一机关（名称按 README 所述规则比较）的报告按年度排列，每份\n"
    "与上一年度的核对（本年上年结转＝上年结转下年度继续办理等，规则 years.*），分组列在\n"
    "最后。--previous 指定一个文件的上年报告。\n"
    "状态：FAIL 不通过；UNCERTAIN 无法确定（涉及的单元格为空白或不是数字，绝不当作零）；\n"
    "NOT_ASSESSABLE 无法核对（缺少表格）。统计数据完全无法核对的报告（未识别出表格、\n"
    "不是年度报告、HTML 页面）会有一条说明此情况的错误 [doc.coverage]。退出状态：有错误\n"
    "级别的结果（错误级别的 FAIL，或什么都未核对）时为 1；警告和提示不影响；否则为 0；\n"
    "输入无法解码为 65。\n"
    "\n"
    "选项：\n"
    "  -f, --format FORMAT     text（默认）、json（extract 的 JSON 加 \"findings\"；多个文件时\n"
    "                          为 JSON Lines）、csv（带 BOM 的 UTF-8，每行一条结果）、html\n"
    "                          （一份报告的复核页面：正文中标出每个问题的两方，自成一体）或\n"
    "                          xlsx（工作簿，需 -o 文件.xlsx：问题清单带“复核结论”列、统计数据，\n"
    "                          多个文件时另有汇总）\n"
    "  -o, --output FILE       写入 FILE（先写临时文件，完成后改名）而不是标准输出\n"
    "      --lang LANG         zh（默认）或 en：核对结果的语言\n"
    "      --show-pass         同时列出通过的核对项\n"
    "      --baseline FILE     复核过的问题（由 --write-baseline 写出，或填了“复核结论”的\n"
    "                          --format xlsx 工作簿）：列为已复核，不计入\n"
    "                          错误；不再有问题对应的条目列为过时\n"
    "      --write-baseline FILE  把这次的问题写成复核基线\n"
    "      --ignore RULE       不列出规则 RULE 的问题（t3.balance；prose. 表示一类）；可重复\n"
    "      --previous LAST     将这一个文件与 LAST（同一机关上一年度的报告）逐年核对\n"
    "      --no-years          每个文件单独核对，不与其他年度的报告逐年核对\n"
    "      --color WHEN        auto（默认：输出到终端且未设置 NO_COLOR 时着色）、always 或\n"
    "                          never\n";

static const char *const PDF_USAGE_ZH =
    "用法：nianbao pdf [选项] 文件 [-o 输出.pdf]\n"
    "\n"
    "将报告排版为 PDF/A-1b，版式依照 GB/T 9704-2012（A4，每页 22 行、每行 28 字，三号正文，\n"
    "二号标题，标题用黑体和楷体，页码“— N —”），嵌入字体子集，各级标题生成书签，窗口\n"
    "标题为文档标题。文件先写临时文件再改名，绝不覆盖输入。没有字体能显示的字符画作〓，\n"
    "并报告其行号。报告按 nianbao check 的方式核对：各项问题及汇总行输出到标准错误（除非\n"
    "--lang en，均为中文）；除非给出 --strict，退出状态仍为 0。设置 SOURCE_DATE_EPOCH 时\n"
    "以其为创建日期（可重现的输出）。\n"
    "\n"
    "选项：\n"
    "  -o, --output OUT.pdf    输出位置（默认：文件名的 .txt 换成 .pdf）；- 表示标准输出\n"
    "      --strict            报告有错误级别的问题（错误级别的不通过或无法确定，与 check\n"
    "                          的计数相同）时退出状态为 1；PDF 照常写出\n"
    "      --tables HOW        form（默认）：以高置信度读出、印出的每个数字都对应到统计表\n"
    "                          单元格的表格，按统计表的版式排（表中的行名和列名，数值照原样）；\n"
    "                          其他表格照原样排。source：所有表格都照原样排\n"
    "      --font-body FILE    正文用的 TrueType 字体（默认：安装了文鼎宋体则用之，否则\n"
    "                          用文泉驿微米黑）\n"
    "      --font-heading FILE 标题和各级标题用的 TrueType 字体\n"
    "      --fonts DIR         内置字体所在目录（默认：$NIANBAO_FONTS，否则为安装的\n"
    "                          share/nianbao/fonts）\n"
    "      --max-pages N       拒绝需要超过 N 页的报告（默认也是最多 32000）\n"
    "      --lang LANG         zh 或 en：帮助和提示的语言\n";

static const char *const CONVERT_USAGE_ZH =
    "用法：nianbao convert [选项] 输入... -o 输出目录\n"
    "\n"
    "批量转换整个档案。输入可以是文件或目录（递归查找）。输出目录的结构与输入相同，每份\n"
    "报告生成 名称.pdf（PDF/A-1b）、名称.html（复核页面）和 名称.json（extract 的 JSON 加\n"
    "核对结果）；输出目录中另有 summary.csv（每份报告一行：文件、编码、格式、年度、机关、\n"
    "页数、FAIL 和 UNCERTAIN 数、统计表核对了几项及总项数、状态、错误）和 findings.csv\n"
    "（所有报告的全部核对结果），均为带 BOM 的 UTF-8，按输入顺序排列；findings.xlsx（同样\n"
    "内容的工作簿，另有汇总表）、index.html（每份报告一行，链接到复核页面和 PDF）和\n"
    "agencies.csv（按机关分组：每份报告与同一机关上一年度的报告逐年核对，同 check\n"
    "核对多个文件时一样）。\n"
    "无法转换的文件不会中断运行：它连同错误原因被\n"
    "列出；不是普通文件的名称也一样（FIFO 和设备绝不读取；失效的链接）。经符号链接两次\n"
    "到达的目录只查找一次。输出绝不替换输入（输出目录可以就是输入目录）。\n"
    "输出先写入匿名文件，检查并写入磁盘后才命名，因此中断或被杀死的运行不会留下不完整\n"
    "或临时的文件；不是本次运行创建的文件绝不删除；第二次运行写入同一输出目录时会等待\n"
    "第一次结束。再次运行时，输出中记录的输入与当前一致（大小、纳秒级修改时间、文本的\n"
    "散列）的报告会跳过。PDF 日期取自 SOURCE_DATE_EPOCH，否则取每个输入的修改时间，因此\n"
    "无论 -j 是多少，输出都相同。\n"
    "summary.csv 的状态为 ok、fail（有错误级别的结果）或 error（未转换）。\n"
    "退出状态：0 全部转换且无错误级别的结果；1 全部转换但有错误级别的结果；65 有文件无法\n"
    "转换；74 有输出无法写入（磁盘已满、目录不可写）；130 被中断。\n"
    "\n"
    "选项：\n"
    "  -o, --output OUTDIR     输出目录（不存在时创建）\n"
    "  -j, --jobs N            并行数（默认：处理器个数）\n"
    "      --include GLOB      转换目录中与 GLOB 匹配的文件（可重复；默认 *.txt）\n"
    "      --force             重做已是最新的输出\n"
    "  -q, --quiet             不显示进度和汇总（错误照常输出）\n"
    "      --no-years          每份报告单独核对，不与其他年度的报告逐年核对\n"
    "      --lang LANG         zh（默认）或 en：核对结果的语言\n"
    "      --font-body FILE, --font-heading FILE, --fonts DIR, --max-pages N\n"
    "                          同 nianbao pdf\n";

static const char *const FORMS_USAGE_ZH =
    "用法：nianbao forms [--rules] [--forms DIR]\n"
    "\n"
    "列出统计表格式：编号、适用的报告年度、定义的规模和名称。加 --rules 时列出每种格式的\n"
    "核对规则：编号、级别、内容，以及其依据的正式定义（表格的行名、注释、规定收费的文件），\n"
    "便于审核人员了解每条规则的来由。\n"
    "\n"
    "选项：\n"
    "      --rules             列出每种格式的核对规则及其依据\n"
    "      --forms DIR         从 DIR 读取统计表格式文件（默认：$NIANBAO_FORMS，否则为\n"
    "                          安装的格式）\n"
    "      --lang LANG         zh 或 en：帮助和提示的语言\n"
    "  -h, --help              显示本帮助\n";

static const char *in_ui(const char *en)
{
    static const char *const pairs[][2] = {
        {MAIN_USAGE, MAIN_USAGE_ZH},       {COMMON_OPTIONS, COMMON_OPTIONS_ZH},
        {EXTRACT_USAGE, EXTRACT_USAGE_ZH}, {CHECK_USAGE, CHECK_USAGE_ZH},
        {PDF_USAGE, PDF_USAGE_ZH},         {CONVERT_USAGE, CONVERT_USAGE_ZH},
        {FORMS_USAGE, FORMS_USAGE_ZH},
    };
    for (size_t i = 0; ui_zh && i < sizeof pairs / sizeof pairs[0]; i++)
        if (pairs[i][0] == en) return pairs[i][1];
    return en;
}

/* Copies a finished file to standard output (-o -) or to a FIFO or device. */
static int copy_out(const char *path, const char *target)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    FILE *to = target ? fopen(target, "wb") : stdout;
    if (!to) {
        fclose(f);
        return -1;
    }
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, n, to) != n) rc = -1;
    fclose(f);
    if (fflush(to) != 0) rc = -1;
    if (target && fclose(to) != 0) rc = -1;
    return rc;
}

/* The PDF options of pdf and convert: their font options, and SOURCE_DATE_EPOCH when set. */
static nb_pdf_options pdf_options(const cli *c,
                                  void (*warn)(void *, const char *, size_t, const char *))
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    nb_pdf_options po = {.fonts_dir = c->fonts_dir,
                         .body_font = c->font_body,
                         .heading_font = c->font_heading,
                         .creation_time = epoch ? strtoll(epoch, NULL, 10) : 0,
                         .creation_time_set = epoch != NULL, /* 0 is 1970, not now */
                         .max_pages = c->max_pages,
                         .warn = warn,
                         .lang = cli_lang(),
                         .tables = c->tables};
    return po;
}

/* SOURCE_DATE_EPOCH, when set, is whole seconds from 0 to the end of year 9999; anything else
 * is a usage error naming the variable (exit 2) before any work. Returns -1 when it is fine. */
static int check_epoch(const char *command)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch) return -1;
    bool ok = *epoch != '\0' && strlen(epoch) <= 12;
    for (const char *p = epoch; ok && *p; p++) ok = *p >= '0' && *p <= '9';
    if (ok && strtoll(epoch, NULL, 10) <= 253402300799LL) return -1;
    cli_say("nianbao %s: SOURCE_DATE_EPOCH='%s' is not a time: give whole seconds since "
            "1970-01-01 UTC, from 0 to 253402300799",
            command, epoch);
    return EXIT_USAGE;
}

/* Opens the fonts once before any work, for every report to share (c->fonts, freed with the
 * command): a bad --font-body is a usage error (2), a missing built-in font an unreadable
 * input (66), not an output failure of every report. */
static int open_fonts(cli *c, nb_pdf_options *po)
{
    nb_error err;
    c->fonts = nb_fontset_open(po->fonts_dir, po->body_font, po->heading_font, &err);
    po->fonts = c->fonts;
    if (c->fonts) return -1;
    char buf[1200];
    fprintf(stderr, "%s\n", nb_error_format_lang(&err, cli_lang(), buf, sizeof buf));
    return err.code == NB_ERR_USAGE ? EXIT_USAGE
           : err.code == NB_ERR_IO  ? EXIT_NOINPUT
                                    : exit_for(err.code);
}

static int cmd_pdf(cli *c)
{
    if (c->nfiles != 1) return usage_error(c->command, "%s", "give exactly one input file");
    int erc = check_epoch("pdf");
    if (erc >= 0) return erc;
    nb_pdf_options po = pdf_options(c, pdf_warning);
    int frc = open_fonts(c, &po);
    if (frc >= 0) return frc;
    const char *in = c->files[0];
    char out[4096], tmpout[4096] = "";
    bool to_stdout = c->output && strcmp(c->output, "-") == 0;
    /* a FIFO or device gets the finished file copied in, like standard output */
    const char *in_place =
        c->output && !to_stdout && nb_output_in_place(c->output) ? c->output : NULL;
    if (to_stdout || in_place) {
        const char *tmp = getenv("TMPDIR");
        snprintf(tmpout, sizeof tmpout, "%s/nianbao-stdout-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
        int fd = mkstemp(tmpout);
        if (fd < 0) return EXIT_IOERR;
        close(fd);
        snprintf(out, sizeof out, "%s", tmpout);
    } else if (c->output) {
        snprintf(out, sizeof out, "%s", c->output);
    } else if (strcmp(in, "-") == 0) {
        return usage_error(c->command, "%s", "reading standard input needs -o OUT.pdf (or -o -)");
    } else {
        default_output(in, out, sizeof out);
    }
    if (nb_output_is_input(out, in)) {
        cli_say("nianbao pdf: %s: refusing to overwrite the input", out);
        return EXIT_USAGE;
    }
    int rc = load_forms(c);
    if (rc >= 0) return rc;
    nb_error err;
    c->opt.check = true; /* the office is told what check would say (the PDF is the same) */
    nb_report *r = nb_report_open(in, &c->opt, &err);
    if (!r) {
        char buf[1200];
        fprintf(stderr, "%s\n", nb_error_format_lang(&err, cli_lang(), buf, sizeof buf));
        if (tmpout[0]) unlink(tmpout);
        return exit_for(err.code);
    }
    print_warnings(r);
    /* the findings as check lists them, and its summary line, on standard error (standard
     * output may be the PDF); in check's language: Chinese unless --lang en */
    bool en = c->lang && strcmp(c->lang, "en") == 0;
    /* (standard error that cannot be written has no one to tell) */
    (void)nb_report_render(r, stderr, NB_FORMAT_FINDINGS, en ? NB_RENDER_ENGLISH : 0, &err);
    nb_check_counts counts;
    nb_report_check_counts(r, &counts);
    int status = c->strict && counts.errors ? EXIT_FINDINGS : EXIT_OK;
    if (nb_report_write_pdf(r, out, &po, NULL, &err) != 0) {
        char buf[1200];
        fprintf(stderr, "%s\n", nb_error_format_lang(&err, cli_lang(), buf, sizeof buf));
        status = exit_for(err.code);
    } else if ((to_stdout || in_place) && copy_out(out, in_place) != 0) {
        cli_say("nianbao pdf: %s: cannot write: %s",
                in_place ? in_place : cli_msg("standard output"), strerror(errno ? errno : EIO));
        status = EXIT_IOERR;
    }
    nb_report_free(r);
    if (tmpout[0]) unlink(tmpout);
    return status;
}

static int cmd_convert(cli *c)
{
    if (c->nfiles == 0) return usage_error(c->command, "%s", "no input (files or directories)");
    if (!c->output) return usage_error(c->command, "%s", "no output directory (-o OUTDIR)");
    int rc = load_forms(c);
    if (rc >= 0) return rc;
    int erc = check_epoch("convert");
    if (erc >= 0) return erc;
    nb_pdf_options po = pdf_options(c, c->quiet ? NULL : pdf_warning);
    if ((rc = open_fonts(c, &po)) >= 0) return rc;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    batch_options o = {.inputs = c->files,
                       .ninputs = (size_t)c->nfiles,
                       .include = c->include,
                       .ninclude = c->ninclude,
                       .outdir = c->output,
                       .workers = c->jobs ? c->jobs : (size_t)(ncpu > 0 ? ncpu : 1),
                       .force = c->force,
                       .no_years = c->no_years,
                       .quiet = c->quiet,
                       .tty = isatty(fileno(stderr)) != 0,
                       .report = &c->opt,
                       .pdf = &po,
                       .lang = c->lang};
    batch_result res;
    if (batch_convert(&o, &res) != 0) return EXIT_IOERR;
    if (!c->quiet)
        cli_say("nianbao convert: %zu files: %zu converted, %zu up to date, %zu failed; %zu with "
                "FAIL findings",
                res.files, res.converted, res.skipped, res.failed, res.with_fail);
    if (res.interrupted) return 130;
    if (res.output_error) return EXIT_IOERR;
    if (res.failed || res.missing) return EXIT_DATAERR;
    return res.with_fail ? EXIT_FINDINGS : EXIT_OK;
}

static int cmd_forms(cli *c)
{
    if (c->nfiles) return usage_error(c->command, "unexpected argument '%s'", c->files[0]);
    nb_error err;
    nb_formset *fs = nb_formset_load(c->forms_dir, &err);
    if (!fs) {
        char buf[1200];
        fprintf(stderr, "%s\n", nb_error_format_lang(&err, cli_lang(), buf, sizeof buf));
        return EXIT_CONFIG;
    }
    for (size_t i = 0; i < nb_formset_count(fs); i++) {
        int years[2];
        size_t rows, rules, patterns;
        nb_formset_describe(fs, i, years, &rows, &rules, &patterns);
        printf("%-10s %d-%d  %3zu rows %3zu rules %3zu prose patterns  %s\n", nb_formset_id(fs, i),
               years[0], years[1], rows, rules, patterns, nb_formset_title(fs, i));
        const char *id, *sev, *title, *basis;
        for (size_t k = 0; c->rules && nb_formset_rule(fs, i, k, &id, &sev, &title, &basis); k++)
            printf("  %-28s %-7s %s\n  %-28s         依据：%s\n", id, sev, title, "",
                   basis[0] ? basis : "（未注明）");
    }
    nb_formset_free(fs);
    return EXIT_OK; /* a failed write is reported by flushed() */
}

/* The options every command that reads reports takes (COMMON_OPTIONS documents them). */
#define READ_OPTIONS                                                                               \
    "encoding lenient max-input-size max-warnings max-line-length max-table-rows max-row-cells "   \
    "max-headings form forms help "

typedef struct command {
    const char *name;
    const char *usage;
    int (*run)(cli *c);
    const char *options; /* the long names of the options it takes */
} command;

static const command COMMANDS[] = {
    {"extract", EXTRACT_USAGE, cmd_extract, READ_OPTIONS "format output lang"},
    {"check", CHECK_USAGE, cmd_check,
     READ_OPTIONS
     "format output lang show-pass color baseline write-baseline ignore previous no-years"},
    {"pdf", PDF_USAGE, cmd_pdf,
     READ_OPTIONS "output font-body font-heading fonts max-pages lang strict tables"},
    {"convert", CONVERT_USAGE, cmd_convert,
     READ_OPTIONS
     "output jobs include force quiet no-years font-body font-heading fonts max-pages lang"},
    {"forms", FORMS_USAGE, cmd_forms, "forms rules help lang"},
};

/* The status a command ends with, once standard output is flushed: a write that failed (a full
 * disk, a closed pipe, /dev/full) is exit 74 with the reason, never a silent 0. */
static int flushed(int rc)
{
    if ((fflush(stdout) == 0 && !ferror(stdout)) || rc == EXIT_IOERR) return rc; /* said */
    int e = errno;
    cli_say("nianbao: cannot write to standard output: %s", e ? strerror(e) : "write error");
    return rc == EXIT_OK || rc == EXIT_FINDINGS ? EXIT_IOERR : rc;
}

/* Edit distance (insertions, deletions, substitutions, adjacent transpositions) between a and
 * b, both shorter than 32 bytes; 99 for longer ones. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), d[32][32];
    if (la >= 32 || lb >= 32) return 99;
    for (size_t i = 0; i <= la; i++)
        for (size_t j = 0; j <= lb; j++) {
            if (!i || !j) {
                d[i][j] = i + j;
                continue;
            }
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* The command a mistyped word most likely meant (at most two edits away), or NULL. */
static const command *meant(const char *word)
{
    const command *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
        size_t d = distance(word, COMMANDS[i].name);
        if (d < best_d) best = &COMMANDS[i], best_d = d;
    }
    return best;
}

static const command *command_named(const char *name)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(name, COMMANDS[i].name) == 0) return &COMMANDS[i];
    return NULL;
}

/* An unknown command: the nearest one when there is one, else the general help. */
static int unknown_command(const char *word)
{
    const command *near = meant(word);
    if (near) {
        fprintf(stderr,
                ui_zh ? "nianbao：没有“%s”这个命令；是不是“%s”？\n"
                        "运行“nianbao --help”查看命令列表。\n"
                      : "nianbao: unknown command '%s'; did you mean '%s'?\n"
                        "Try 'nianbao --help' for the list of commands.\n",
                word, near->name);
        return EXIT_USAGE;
    }
    fprintf(stderr, ui_zh ? "nianbao：没有“%s”这个命令\n\n" : "nianbao: unknown command '%s'\n\n",
            word);
    print_usage(stderr, MAIN_USAGE, false);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    set_ui_language(argc, argv);
    cli_set_zh(ui_zh);
    /* --lang before the command: the language of everything after it */
    int lead = argc > 1 && strncmp(argv[1], "--lang=", 7) == 0 ? 1
               : argc > 2 && strcmp(argv[1], "--lang") == 0    ? 2
                                                               : 0;
    if (lead) {
        const char *v = lead == 1 ? argv[1] + 7 : argv[2];
        if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
            return usage_error(NULL, "unknown language '%s' (zh or en)", v);
        argv[lead] = argv[0];
        argv += lead;
        argc -= lead;
    }
    if (argc < 2) {
        print_usage(stderr, MAIN_USAGE, false);
        return EXIT_USAGE;
    }
    const char *first = argv[1];
    if (strcmp(first, "help") == 0 && argc > 2) { /* nianbao help COMMAND */
        const command *cmd = command_named(argv[2]);
        if (!cmd) return unknown_command(argv[2]);
        print_usage(stdout, cmd->usage, option_allowed(cmd->options, "encoding"));
        return flushed(EXIT_OK);
    }
    if (strcmp(first, "-h") == 0 || strcmp(first, "--help") == 0 || strcmp(first, "help") == 0) {
        print_usage(stdout, MAIN_USAGE, false);
        return flushed(EXIT_OK);
    }
    if (strcmp(first, "-V") == 0 || strcmp(first, "--version") == 0) {
        printf("nianbao %s\n", NIANBAO_VERSION);
        return flushed(EXIT_OK);
    }
    const command *cmd = command_named(first);
    if (cmd) {
        cli c = {.command = cmd->name};
        nb_options_init(&c.opt);
        int rc = parse_options(&c, argc - 1, argv + 1, cmd->usage, cmd->options);
        if (rc >= 0) return flushed(rc);
        rc = cmd->run(&c);
        nb_formset_free(c.forms);
        nb_fontset_free(c.fonts);
        for (int i = 0; c.searched && i < c.nfiles; i++) free(c.files[i]);
        if (c.searched) free(c.files);
        return flushed(rc);
    }
    if (first[0] != '-') return unknown_command(first);
    fprintf(stderr, ui_zh ? "nianbao：没有“%s”这个选项\n\n" : "nianbao: unknown option '%s'\n\n",
            first);
    print_usage(stderr, MAIN_USAGE, false);
    return EXIT_USAGE;
}
