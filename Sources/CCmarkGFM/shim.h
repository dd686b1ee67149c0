#ifndef SITREP_CCMARKGFM_SHIM_H
#define SITREP_CCMARKGFM_SHIM_H

/* GitHub's CommonMark parser and its extensions (tables, task lists, strikethrough, autolinks). */
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#endif
