#ifndef SITREP_CNCURSESW_SHIM_H
#define SITREP_CNCURSESW_SHIM_H

/* SwiftPM drops the -D flags pkg-config reports, so the wide-character API has to be
   switched on here, before curses.h is read. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* 1 when terminfo knows TERM and it can address the cursor (what a full-screen program needs),
   0 when it does not, -1 when there is no terminfo entry. Leaves no terminal set up. */
static inline int sitrep_terminal_usable(const char *term) {
    int err = 0;
    TERMINAL *saved = cur_term;
    if (setupterm(term, 1, &err) != OK) { set_curterm(saved); return err == 0 ? -1 : 0; }
    char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (char *)-1;
    TERMINAL *mine = set_curterm(saved);
    del_curterm(mine);
    return usable;
}

static inline WINDOW *sitrep_stdscr(void) { return stdscr; }
static inline int sitrep_lines(void) { return LINES; }
static inline int sitrep_cols(void) { return COLS; }
static inline int sitrep_colors(void) { return COLORS; }
static inline void sitrep_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline attr_t sitrep_a_bold(void) { return A_BOLD; }
static inline attr_t sitrep_a_reverse(void) { return A_REVERSE; }
static inline attr_t sitrep_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sitrep_a_dim(void) { return A_DIM; }
static inline attr_t sitrep_a_normal(void) { return A_NORMAL; }
static inline int sitrep_color_pairs(void) { return COLOR_PAIRS; }
static inline mmask_t sitrep_mouse_wheel_up(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t sitrep_mouse_wheel_down(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t sitrep_mouse_wheel_down(void) { return 0; }
#endif
static inline mmask_t sitrep_mouse_wheel_mask(void) { return sitrep_mouse_wheel_up() | sitrep_mouse_wheel_down(); }
static inline attr_t sitrep_color_pair(short n) { return (attr_t)COLOR_PAIR(n); }

#endif
