/*
 * test_silent.c — the library is silent (issue 16): through the public API alone (nianbao.h),
 * every stage and every renderer on the sample, on a report with decoding trouble (lenient
 * warnings), on a broken one, and a PDF that cannot be written, leave standard error empty
 * and every signal's disposition as it was; and the same runs go through with standard error
 * closed. Messages come back as values (nb_error, warnings, findings), never as printing.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "nianbao.h"
#include "testutil.h"

static nb_formset *FORMS;
static char TMP[] = "/tmp/nbsilentXXXXXX";

static int setup(void **state)
{
    (void)state;
    FORMS = tu_load_forms();
    return FORMS && mkdtemp(TMP) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nb_formset_free(FORMS);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", TMP);
    return system(cmd) == 0 ? 0 : -1;
}

/* Everything a program does with a report, through the public API. Returns how many calls
 * succeeded (the broken inputs make some fail, as they should). */
static int everything(const char *name, const void *bytes, size_t len)
{
    const char *root = getenv("NB_ROOT");
    char fonts[4096], out[4200];
    snprintf(fonts, sizeof fonts, "%s/fonts", root ? root : ".");
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = FORMS;
    opt.lenient = true;
    nb_error err;
    nb_report *r = nb_report_from_bytes(bytes, len, name, &opt, &err);
    if (!r) return 0;
    int ok = 1;
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    ok += nb_report_render(r, devnull, NB_FORMAT_JSON, NB_RENDER_PRETTY, &err) == 0;
    ok += nb_report_render(r, devnull, NB_FORMAT_CELLS_CSV, NB_RENDER_HEADER, &err) == 0;
    ok += nb_report_render(r, devnull, NB_FORMAT_FINDINGS, NB_RENDER_COLOUR | NB_RENDER_SHOW_PASS,
                           &err) == 0;
    ok += nb_report_render(r, devnull, NB_FORMAT_FINDINGS_CSV,
                           NB_RENDER_ENGLISH | NB_RENDER_HEADER | NB_RENDER_SHOW_PASS, &err) == 0;
    ok += nb_report_render(r, devnull, NB_FORMAT_SUMMARY, 0, &err) == 0;
    fclose(devnull);
    nb_pdf_options po = {.fonts_dir = fonts, .creation_time_set = true}; /* no warn callback */
    snprintf(out, sizeof out, "%s/out.pdf", TMP);
    ok += nb_report_write_pdf(r, out, &po, NULL, &err) == 0;
    snprintf(out, sizeof out, "%s/no/such/dir/out.pdf", TMP); /* a PDF that cannot be written */
    assert_int_not_equal(nb_report_write_pdf(r, out, &po, NULL, &err), 0);
    nb_report_free(r);
    return ok;
}

static void run_all(void)
{
    const char *root = getenv("NB_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/guandu-2017.txt", root ? root : ".");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char sample[1 << 20];
    size_t n = fread(sample, 1, sizeof sample, f);
    fclose(f);
    assert_true(everything("guandu-2017.txt", sample, n) >= 7);
    /* undecodable bytes (warnings, not messages), a NUL, an astral title */
    static const char trouble[] = "\xF0\x9F\x98\x80某局2017年政府信息公开年度报告\n一、概述\n"
                                  "本年度\xFF\xFE主动公开信息98条。\n\0\n| 项目 | 1 |\n";
    assert_true(everything("trouble.txt", trouble, sizeof trouble - 1) >= 1);
    nb_error err;
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = FORMS;
    assert_null(nb_report_from_bytes("\xFF\xFE\xFF", 3, "broken.txt", &opt, &err)); /* strict */
    assert_null(nb_report_open("/no/such/report.txt", &opt, &err));
}

static void signal_dispositions(struct sigaction *out)
{
    for (int s = 1; s < 32; s++) sigaction(s, NULL, &out[s]);
}

/* Standard error stays empty, and no signal handler is installed or changed. */
static void nothing_on_stderr_no_handlers(void **state)
{
    (void)state;
    char log[4200];
    snprintf(log, sizeof log, "%s/stderr", TMP);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    struct sigaction before[32], after[32];
    signal_dispositions(before);
    run_all();
    signal_dispositions(after);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    struct stat st;
    assert_int_equal(stat(log, &st), 0);
    if (st.st_size) {
        char cmd[4300];
        snprintf(cmd, sizeof cmd, "head -c 2000 %s >&2", log);
        if (system(cmd)) {}
        fail_msg("the library wrote %lld bytes to standard error", (long long)st.st_size);
    }
    for (int s = 1; s < 32; s++)
        if (before[s].sa_handler != after[s].sa_handler)
            fail_msg("signal %d: its handler was changed", s);
}

/* With standard error closed, the same runs go through. */
static void works_with_stderr_closed(void **state)
{
    (void)state;
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    close(2);
    run_all();
    dup2(saved, 2);
    close(saved);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nothing_on_stderr_no_handlers),
        cmocka_unit_test(works_with_stderr_closed),
    };
    return cmocka_run_group_tests_name("silent", tests, setup, teardown);
}
