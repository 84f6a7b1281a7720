#include "filter/filter_program.h"

#include <algorithm>

#include "engine_error.h"
#include "filter/newlines.h"

namespace lfe {

namespace {

// a \ b and a ∪ b of sorted lines of one window (a line is known by its start).
void Difference(const std::vector<LineSpan>& a, const std::vector<LineSpan>& b, std::vector<LineSpan>* out) {
  out->clear();
  size_t j = 0;
  for (const LineSpan& s : a) {
    while (j < b.size() && b[j].start < s.start) ++j;
    if (j >= b.size() || b[j].start != s.start) out->push_back(s);
  }
}

void Union(const std::vector<LineSpan>& a, const std::vector<LineSpan>& b, std::vector<LineSpan>* out) {
  out->clear();
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (j >= b.size() || (i < a.size() && a[i].start < b[j].start)) out->push_back(a[i++]);
    else if (i >= a.size() || b[j].start < a[i].start) out->push_back(b[j++]);
    else {
      out->push_back(a[i++]);
      ++j;
    }
  }
}

}  // namespace

FilterProgram::FilterProgram(const std::vector<PatternSpec>& terms, FilterNode root) : root_(std::move(root)) {
  if (terms.empty()) throw EngineError("EINVAL", "A filter needs at least one term");
  terms_.reserve(terms.size());
  for (const PatternSpec& spec : terms) {
    if (spec.kind == PatternKind::kHex) throw EngineError("EINVAL", "Filter terms are literals or regular expressions");
    Term t;
    try {
      t.matcher = CreateMatcher(spec);
    } catch (const EngineError& e) {
      throw FilterTermError(terms_.size(), e);
    }
    t.regex = spec.kind == PatternKind::kRegex;
    t.never = !t.regex && spec.pattern.find('\n') != std::string::npos;
    // Longer literals are rarer; a regex is a guess.
    const double n = static_cast<double>(spec.pattern.size());
    t.selectivity = t.never ? 0.0 : t.regex ? 0.3 : std::min(0.9, 2.0 / (n * n));
    terms_.push_back(std::move(t));
  }
  Prepare(root_, false);
}

double FilterProgram::Prepare(FilterNode& node, bool negated) {
  ++node_count_;
  switch (node.op) {
    case FilterNode::Op::kTerm: {
      if (node.term >= terms_.size()) throw EngineError("EINVAL", "A filter node names a term that does not exist");
      Term& t = terms_[node.term];
      t.positive = t.positive || !negated;
      return t.selectivity;
    }
    case FilterNode::Op::kNot:
      if (node.children.size() != 1) throw EngineError("EINVAL", "A filter's not takes one operand");
      return 1.0 - Prepare(node.children[0], !negated);
    case FilterNode::Op::kAnd:
    case FilterNode::Op::kOr: {
      if (node.children.empty()) throw EngineError("EINVAL", "A filter's and / or takes operands");
      std::vector<std::pair<double, size_t>> order;
      for (size_t i = 0; i < node.children.size(); ++i) order.emplace_back(Prepare(node.children[i], negated), i);
      const bool conjunction = node.op == FilterNode::Op::kAnd;
      // `and`: the rarest operand first narrows the lines the others are tried on; `or`: the
      // most frequent first leaves the fewest lines for the others.
      std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
        return conjunction ? a.first < b.first : a.first > b.first;
      });
      std::vector<FilterNode> sorted;
      sorted.reserve(order.size());
      double p = conjunction ? 1.0 : 0.0;
      for (const auto& [s, i] : order) {
        sorted.push_back(std::move(node.children[i]));
        p = conjunction ? p * s : 1.0 - (1.0 - p) * (1.0 - s);
      }
      node.children = std::move(sorted);
      return p;
    }
  }
  return 0.5;
}

LineEvaluator::LineEvaluator(const FilterProgram& program) : program_(program) {
  for (const FilterProgram::Term& t : program.terms()) matchers_.push_back(t.matcher->Clone());
  // Every buffer an evaluation can ask for exists before the guard is entered (see guard.h).
  pool_.resize(program.node_count() * 4 + 8);
}

LineEvaluator::Spans* LineEvaluator::Acquire() {
  if (pool_used_ == pool_.size()) pool_.emplace_back();
  Spans* s = &pool_[pool_used_++];
  s->clear();
  return s;
}

const LineEvaluator::Spans& LineEvaluator::AllLines() {
  if (all_listed_) return all_;
  all_.clear();
  uint32_t s = 0;
  ForEachNewline(w_, len_, [&](size_t e) {
    all_.push_back(LineSpan{s, static_cast<uint32_t>(e)});
    s = static_cast<uint32_t>(e + 1);
  });
  if (s < len_) all_.push_back(LineSpan{s, static_cast<uint32_t>(len_)});
  all_listed_ = true;
  return all_;
}

bool LineEvaluator::EvalTerm(size_t index, const Spans* c, Spans* out) {
  const FilterProgram::Term& term = program_.terms()[index];
  if (term.never || (c != nullptr && c->empty())) return true;
  Matcher& m = *matchers_[index];
  MatchSpan span;
  auto in_line = [&](size_t ls, size_t le) {
    const FindStatus st = m.Find(w_ + ls, le - ls, 0, false, &span);
    if (st == FindStatus::kError) {
      failed_ = true;
      return false;
    }
    return st == FindStatus::kFound;
  };
  if (c != nullptr) {
    // A few scattered lines: each one alone costs less than scanning the bytes between them.
    uint64_t covered = 0;
    for (const LineSpan& s : *c) covered += s.end - s.start;
    if (c->size() * 256 + covered < len_) {
      for (const LineSpan& s : *c) {
        if (in_line(s.start, s.end)) out->push_back(s);
        if (failed_) return false;
      }
      return true;
    }
  }
  size_t k = 0;  // the candidate at or after the scan position
  size_t from = c != nullptr ? (*c)[0].start : 0;
  while (from < len_) {
    const FindStatus st = m.Find(w_, len_, from, false, &span);
    if (st == FindStatus::kError) {
      failed_ = true;
      return false;
    }
    if (st != FindStatus::kFound) break;
    const size_t p = span.start;
    size_t ls;
    size_t le;
    if (c != nullptr) {
      while (k < c->size() && (*c)[k].end < p) ++k;
      if (k == c->size()) break;
      if ((*c)[k].start > p) {  // a hit between candidates
        from = (*c)[k].start;
        continue;
      }
      ls = (*c)[k].start;
      le = (*c)[k].end;
    } else {
      if (p >= len_ && w_[len_ - 1] == '\n') break;  // past the last line
      // `from` starts a line: the hit's line starts after the last '\n' before it.
      const size_t back = LastNewline(w_ + from, p - from);
      ls = back == p - from ? from : from + back + 1;
      le = p + NextNewline(w_ + p, len_ - p);
    }
    // A regex hit may run across the line's end or look beyond it: the line alone decides.
    if (!term.regex || in_line(ls, le)) out->push_back(LineSpan{static_cast<uint32_t>(ls), static_cast<uint32_t>(le)});
    if (failed_) return false;
    if (c != nullptr) {
      if (++k == c->size()) break;
      from = (*c)[k].start;
    } else {
      from = le + 1;
    }
  }
  return true;
}

LineEvaluator::Spans* LineEvaluator::Eval(const FilterNode& node, const Spans* c) {
  switch (node.op) {
    case FilterNode::Op::kTerm: {
      Spans* out = Acquire();
      EvalTerm(node.term, c, out);
      return out;
    }
    case FilterNode::Op::kNot: {
      const Spans* got = Eval(node.children[0], c);
      Spans* out = Acquire();
      Difference(c != nullptr ? *c : AllLines(), *got, out);
      return out;
    }
    case FilterNode::Op::kAnd: {
      const Spans* cur = c;
      Spans* r = nullptr;
      for (const FilterNode& child : node.children) {
        r = Eval(child, cur);
        cur = r;
        if (r->empty() || failed_) break;
      }
      return r;
    }
    case FilterNode::Op::kOr: {
      Spans* r = Acquire();
      Spans* tmp = Acquire();
      const Spans* rest = c;
      for (size_t i = 0; i < node.children.size() && !failed_; ++i) {
        const Spans* got = Eval(node.children[i], rest);
        Union(*r, *got, tmp);
        std::swap(*r, *tmp);
        // Over every line each operand scans the window once (listing every line would cost
        // more); over candidates, the next operand is tried only where none held yet.
        if (c != nullptr && i + 1 < node.children.size()) {
          Spans* left = Acquire();
          Difference(*rest, *got, left);
          rest = left;
          if (left->empty()) break;
        }
      }
      return r;
    }
  }
  return Acquire();
}

bool LineEvaluator::Evaluate(const uint8_t* window, size_t len, const std::vector<LineSpan>* candidates,
                             std::vector<LineSpan>* out) {
  w_ = window;
  len_ = len;
  all_listed_ = false;
  pool_used_ = 0;
  failed_ = false;
  out->clear();
  if (len == 0) return true;
  Spans* r = Eval(program_.root(), candidates);
  if (failed_) {
    for (size_t t = 0; t < matchers_.size(); ++t) {
      const std::string e = matchers_[t]->error();
      if (!e.empty()) error_ = e;
    }
    return false;
  }
  std::swap(*out, *r);
  return true;
}

bool LineEvaluator::LongLineNode(const FilterNode& node, const Subject& subject, uint64_t begin, uint64_t end,
                                 const std::atomic<bool>& cancel, std::vector<int8_t>& known) {
  switch (node.op) {
    case FilterNode::Op::kTerm: {
      int8_t& k = known[node.term];
      if (k < 0) {
        const FilterProgram::Term& term = program_.terms()[node.term];
        AnyMatchSink any;
        if (!term.never) {
          ScanRange range;
          range.first = begin;
          range.last = end;
          range.subject_end = end;
          ScanControl control;
          control.cancel = &cancel;
          Scan(subject, *matchers_[node.term], range, control, any);
        }
        k = any.found ? 1 : 0;
      }
      return k == 1;
    }
    case FilterNode::Op::kNot:
      return !LongLineNode(node.children[0], subject, begin, end, cancel, known);
    case FilterNode::Op::kAnd:
      for (const FilterNode& child : node.children) {
        if (!LongLineNode(child, subject, begin, end, cancel, known)) return false;
      }
      return true;
    case FilterNode::Op::kOr:
      for (const FilterNode& child : node.children) {
        if (LongLineNode(child, subject, begin, end, cancel, known)) return true;
      }
      return false;
  }
  return false;
}

bool LineEvaluator::EvaluateLongLine(const Subject& subject, uint64_t begin, uint64_t end, const std::atomic<bool>& cancel) {
  std::vector<int8_t> known(matchers_.size(), -1);
  return LongLineNode(program_.root(), subject, begin, end, cancel, known);
}

void LineEvaluator::MatchSpans(const uint8_t* line, size_t len, size_t max, std::vector<MatchSpan>* out) {
  out->clear();
  for (size_t t = 0; t < matchers_.size() && out->size() < max; ++t) {
    const FilterProgram::Term& term = program_.terms()[t];
    if (!term.positive || term.never) continue;
    Matcher& m = *matchers_[t];
    MatchSpan span;
    for (size_t from = 0; from <= len && out->size() < max;) {
      if (m.Find(line, len, from, false, &span) != FindStatus::kFound) break;
      if (span.length > 0) out->push_back(span);
      from = span.length > 0 ? span.start + span.length : m.AdvanceAfterEmpty(line, len, span.start);
    }
  }
  std::sort(out->begin(), out->end(), [](const MatchSpan& a, const MatchSpan& b) { return a.start < b.start; });
}

}  // namespace lfe
