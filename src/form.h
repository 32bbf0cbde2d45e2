/*
 * form.h — the statistics forms (forms/NAME.json), loaded, merged along their "extends" chain
 * and compiled: rows, columns and cells with ids, derived cells (sums), rule instances (every
 * for_each expanded into operand indices), prose patterns (compiled PCRE2) and the shared
 * vocabulary (traditional-character map, section titles, table titles, notes, word lists).
 *
 * Owns: reading and validating form files (jansson; every error names the file and the JSON
 * path, $.tables[1].rows[3].label), the merge of a form with the form it extends, the cell and
 * operand numbering every later stage uses. Label matching is label.c, binding is bind.c.
 * Must not: bind tables, evaluate rules or run prose patterns.
 */
#ifndef NB_FORM_H
#define NB_FORM_H

#include "doc.h"
#include "nianbao.h"
#include "numeral.h"
#include "vocab.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct nb_form_col {
    char *id;
    char *label;
    char **norm; /* normalized label and variants, for reading header rows */
    size_t nnorm;
    char **groups; /* the labels the form prints over the column, outermost first */
    size_t ngroups;
} nb_form_col;

typedef struct nb_form_row {
    char *id;
    char *label;
    char **norm;         /* normalized label and variants, for matching */
    size_t *norm_len;    /* their lengths in code points */
    uint64_t *norm_mask; /* their characters, hashed to one bit each (label_mask) */
    size_t nnorm;
    char *unit;
    char *parent;  /* row id or NULL */
    char **groups; /* the labels the form prints over the row, outermost first (typesetting) */
    size_t ngroups;
    char **heading; /* its table printed across: the labels over its columns, outermost first */
    size_t nheading;
    bool amount; /* 万元 amounts: decimals allowed */
    bool group;  /* a heading row without values */
    bool optional;
    size_t *cols; /* indices into the table's columns; none for one-value rows */
    size_t ncols;
    size_t table;      /* index of its table in the form */
    size_t first_cell; /* its cells are nb_form.cells[first_cell .. first_cell + width) */
} nb_form_row;

/* The values a row holds: one for a one-value row, else one per column; 0 for a group row. */
size_t form_row_width(const nb_form_row *r);

typedef struct nb_form_table {
    char *id;
    char *title;
    char **keywords;
    size_t nkeywords;
    nb_form_col *cols;
    size_t ncols;
    size_t first_row, nrows; /* its rows in nb_form.rows */
    size_t first_cell, ncells;
    bool across; /* printed with its rows side by side, one row of values (表四) */
    char *note; /* printed in the table's corner (表三's 本列数据的勾稽关系为…), or NULL */
} nb_form_table;

/* A cell of the form: "row" for a one-value row, "row/col" otherwise. */
typedef struct nb_form_cell {
    char *id;
    size_t row;
    long col; /* index into the row's table's columns, -1 for one-value rows */
} nb_form_cell;

/* Operands of rules and patterns are numbered: 0 .. ncells-1 are cells, ncells + k is the
 * derived cell k. */
typedef struct nb_form_derived {
    char *id;      /* "t3.refuse_all/total" */
    char *label;   /* for messages */
    size_t *parts; /* cell operands */
    size_t nparts;
} nb_form_derived;

typedef enum nb_check_kind {
    NB_CHECK_EQUAL,  /* sum(left) = sum(right) */
    NB_CHECK_LE,     /* sum(left) <= sum(right) */
    NB_CHECK_BOUNDS, /* max(right) <= left[0] <= sum(right) */
    NB_CHECK_WHOLE,  /* every operand of left is a whole number >= 0 */
    NB_CHECK_JUMP,   /* across years: no operand of left changed by `factor` or more */
} nb_check_kind;

/* In a rule across years, an operand with this bit set is the cell of that id in the report of
 * the year before (whose form may differ: the id is looked up there when the pair is checked). */
#define NB_OP_LAST ((size_t)1 << (sizeof(size_t) * 8 - 1))

/* One rule instance: a rule of the file with its for_each value substituted. */
typedef struct nb_form_rule {
    const char *id; /* shared by the instances of one rule */
    nb_check_kind check;
    int severity; /* 0 error, 1 warning, 2 info (nb_severity in check.h) */
    const char *title_zh, *title_en, *basis;
    const char *value; /* the for_each value, NULL for none */
    const char *instance_zh,
        *instance_en;      /* its label for messages ("（自然人列）"), "" for none */
    size_t *left, nleft;   /* operands; for bounds left[0] is the total */
    size_t *right, nright; /* for bounds the parts */
    long table;            /* the form table of its first cell operand, -1 when it names none */
    bool core; /* a core check: where none of its instances could be made, the statistics were
                * not checked as a whole and an error says so */
    double factor, min; /* a jump: the ratio that is sharp, and the least figure it counts for */
} nb_form_rule;

#define NB_TOPIC_MAX_UNITS 8

typedef struct nb_form_pattern {
    char *id;
    size_t *cells; /* the operand (or alternative operands) the figure speaks of */
    size_t ncells;
    pcre2_code *code; /* the phrase with {NUM}; NULL for a topic only */
    /* a topic: a number with one of its units whose clause (or the clauses before it in the
     * sentence, back to the previous figure) names one of its words, and one of its actions
     * when it has any (figures.c) */
    char **words;
    size_t nwords;
    char **actions;
    size_t nactions;
    nb_unit units[NB_TOPIC_MAX_UNITS];
    size_t nunits;
    bool
        weak; /* its words are generic verbs (办理, 答复): it binds a number no other topic names */
} nb_form_pattern;

typedef struct nb_form {
    char *id;
    char *title;
    char *path;
    int year_min, year_max;
    bool abstract; /* a base other forms extend; never chosen for a report */
    nb_form_table *tables;
    size_t ntables;
    nb_form_row *rows;
    size_t nrows;
    nb_form_cell *cells;
    size_t ncells;
    nb_form_derived *derived;
    size_t nderived;
    nb_form_rule *rules; /* instances, in file order */
    size_t nrules;
    nb_form_rule *xrules; /* the rules across years ("across_years"): a report against the
                           * same agency's report of the year before (NB_OP_LAST operands) */
    size_t nxrules;
    char **rule_strings; /* the ids and titles the instances point into */
    size_t nrule_strings;
    nb_form_pattern *patterns;
    size_t npatterns;
    /* document checks: the standard sections, the fee cell and the phrases saying "no fees" */
    char **sections;
    size_t nsections;
    long fees_cell; /* operand, -1 when none */
    char **no_fees;
    size_t nno_fees;
    /* the fee the form's fee rule is about (信息处理费 after 2019, any 费 before): a no-fee
     * statement counts only when its clause names one, and so does a stated amount */
    char **fee_words;
    size_t nfee_words;
    char *fees_basis; /* the official definition the fee rule rests on */
    char **slips;     /* doubled characters in common words: 办公室室 */
    size_t nslips;
    char **agency_short; /* "short=long" forms of agency names (环保局=环境保护局), agency.c */
    size_t nagency_short;
    uint32_t *trad_from, *trad_to; /* traditional → simplified folding, sorted by trad_from */
    size_t ntrad;
    unsigned char trad_bmp[0x10000 / 8]; /* which BMP characters trad_from holds: most are not */
    nb_vocab vocab;                      /* the parser's words (vocab.h) */
} nb_form;

struct nb_formset {
    nb_form **forms; /* concrete forms only, by file name */
    size_t nforms;
    nb_vocab vocab; /* the parser's words: every form's sections, the shared lists */
};

/* Loads one form file; "extends" names a form file of the same directory. NULL with err
 * naming the file and the JSON path on any problem. */
nb_form *form_load(const char *path, nb_error *err);
/* The same from a JSON text in memory; name is used in messages. "extends" is refused (there
 * is no directory to find the base in). */
nb_form *form_load_buffer(const char *data, size_t len, const char *name, nb_error *err);
void form_free(nb_form *f);

/* The operand of a cell id ("row", "row/col") or derived id; -1 when none. */
long form_find_operand(const nb_form *f, const char *id);
/* The cell index of (row, col), -1 when the row has no such cell. */
long form_cell_index(const nb_form *f, size_t row, long col);
/* Compatibility: a cell by id as (row, col); false when there is none. */
bool form_find_cell(const nb_form *f, const char *id, size_t *row, long *col);
/* The id of an operand (cell or derived). */
const char *form_operand_id(const nb_form *f, size_t op);

/* Folds a traditional character to its simplified form by the form's map. */
uint32_t form_fold_traditional(const nb_form *f, uint32_t cp);

#endif /* NB_FORM_H */
