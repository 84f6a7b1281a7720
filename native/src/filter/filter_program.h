// A filter expression as the engine runs it: terms (literals and regexes, each the find widget's
// matcher: case folding, whole word and regex dialect per the text's encoding) combined by and,
// or and not; and the evaluator that finds, in a window of whole lines, the lines it holds for.
//
// A line is its bytes up to its '\n' (not included), and a term holds for a line when its
// matcher finds a match inside the line taken alone: ^ and $ are the line's ends, look-behind and
// whole word see nothing before the line. A literal holding '\n' holds for no line.
//
// Evaluation is by sets of lines, not line by line: a term over many lines is one scan of the
// window by its matcher (memory speed for literals: the SIMD filter skips the lines without
// it), each hit marking its line and moving the scan to the next line; `and` narrows the lines
// its next operand is evaluated on (rare operands first), so `ERROR and not timeout` looks for
// `timeout` only on the lines with `ERROR`; over a few scattered lines a term is tried on each
// line alone instead of scanning between them. `not` alone lists every line (the only case that
// touches each one). A regex hit found in the window is checked again on its line alone, since
// in the window it may run across a line end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine_error.h"
#include "search/matcher.h"
#include "search/scan_loop.h"
#include "search/subject.h"

namespace lfe {

// A term the engine refused (an invalid regex: EBADREGEX), and which one.
class FilterTermError : public EngineError {
 public:
  FilterTermError(size_t term, const EngineError& e) : EngineError(e.code(), e.what()), term_(term) {}
  size_t term() const { return term_; }

 private:
  size_t term_;
};

struct FilterNode {
  enum class Op { kTerm, kAnd, kOr, kNot };
  Op op = Op::kTerm;
  size_t term = 0;                   // kTerm: index into the program's terms
  std::vector<FilterNode> children;  // kAnd, kOr: two or more; kNot: one
};

// A line of a window: [start, end), end at its '\n' (or the window's end).
struct LineSpan {
  uint32_t start;
  uint32_t end;
};

class FilterProgram {
 public:
  // Throws EngineError: EINVAL (a malformed tree, an empty pattern), EBADREGEX, ENOREGEX.
  FilterProgram(const std::vector<PatternSpec>& terms, FilterNode root);

  struct Term {
    std::unique_ptr<Matcher> matcher;
    bool regex = false;
    bool never = false;     // a literal holding '\n'
    bool positive = false;  // under an even number of `not`: its matches are what a row highlights
    double selectivity = 0.5;  // a guess of the share of lines it holds for (rarest first in `and`)
  };

  const std::vector<Term>& terms() const { return terms_; }
  const FilterNode& root() const { return root_; }
  size_t node_count() const { return node_count_; }

 private:
  double Prepare(FilterNode& node, bool negated);

  std::vector<Term> terms_;
  FilterNode root_;
  size_t node_count_ = 0;
};

// One thread's evaluator (its own matchers; buffers reused from window to window).
class LineEvaluator {
 public:
  explicit LineEvaluator(const FilterProgram& program);

  // The lines of window[0, len) the program holds for, in order. The window holds whole lines:
  // it starts at a line start and ends just after a '\n' or at the subject's end. With
  // `candidates` (sorted lines of the window), only among those. Reads the window: call under
  // the subject's guard. Returns false when a regex failed (see error(); EREGEXLIMIT).
  bool Evaluate(const uint8_t* window, size_t len, const std::vector<LineSpan>* candidates, std::vector<LineSpan>* out);

  // Whether the program holds for one line of a subject too long for a window: each term is
  // looked for with the scan loop over [begin, end). Throws EngineError.
  bool EvaluateLongLine(const Subject& subject, uint64_t begin, uint64_t end, const std::atomic<bool>& cancel);

  // The matches of the positive terms in line[0, len) (sorted by start, at most `max`), for
  // highlighting. Under the caller's guard.
  void MatchSpans(const uint8_t* line, size_t len, size_t max, std::vector<MatchSpan>* out);

  const std::string& error() const { return error_; }

 private:
  using Spans = std::vector<LineSpan>;
  // Evaluates `node` over `c` (nullptr: every line) into a buffer of the pool; returns it.
  Spans* Eval(const FilterNode& node, const Spans* c);
  bool EvalTerm(size_t term, const Spans* c, Spans* out);
  // Every line of the window.
  const Spans& AllLines();
  Spans* Acquire();
  bool LongLineNode(const FilterNode& node, const Subject& subject, uint64_t begin, uint64_t end,
                    const std::atomic<bool>& cancel, std::vector<int8_t>& known);

  const FilterProgram& program_;
  std::vector<std::unique_ptr<Matcher>> matchers_;
  // The window being evaluated.
  const uint8_t* w_ = nullptr;
  size_t len_ = 0;
  Spans all_;
  bool all_listed_ = false;
  std::vector<Spans> pool_;
  size_t pool_used_ = 0;
  bool failed_ = false;
  std::string error_;
};

}  // namespace lfe
