// Search with replacements: every match's replacement expanded by the regex engine itself
// (PCRE2's pcre2_substitute over the match it just found, so `$1`, `${name}` and `$0` mean what
// PCRE2 means), whatever the subject — the file or an edited document. Replace All with groups
// runs FindAllReplaced; Replace (one match) runs ExpandReplacement.
#pragma once

#include <string>

#include "search/parallel_search.h"

namespace lfe {

// FindAll with every match's replacement: `replacement` (a template, see Matcher::Substitute)
// expanded while the match's bytes are in the scan window, reported through
// SearchListener::OnReplacedMatches. One thread scans in order (a replacement travels with its
// match; the parallel merge would have to carry them through its rescans); `threads`, `segment`,
// `collect` and `probe_past_max` are ignored.
FindAllResult FindAllReplaced(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                              const std::string& replacement, const std::atomic<bool>& cancel,
                              SearchListener& listener);

// The replacement of `match`, a match a search over the same subject found: a scan from its
// offset finds it again with the same context (leftmost-first matching). Throws EngineError
// EBADREPLACEMENT (or EFILECHANGED, ECHANGED when the match is not there).
std::string ExpandReplacement(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                              const FoundMatch& match, const std::string& replacement);

}  // namespace lfe
