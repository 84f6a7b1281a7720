// A filter of a subject's lines and everything asked of it: the run that finds them (on every
// core, published segment by segment, so the first rows can be shown while the rest is scanned),
// the rows of the filtered view (with grep-style context, as a property of the view: the set
// widened by a pass over its runs, not a rescan), the matches to highlight in those rows, the
// hit nearest to an offset, the hits per bucket of the file for an overview ruler, a refine (the
// same over this filter's lines only) and the export of its lines to a file.
//
// Memory: the matching lines (line_set.h: at most about a bit per line of the subject) and the
// line map (line_map.h: 8 bytes per 64 KiB), nothing per byte. Rows read at most one 64 KiB block
// to find a line, plus the bytes shown.
//
// The subject is held weakly: a result kept for the view does not keep a closed file mapped
// (queries then throw ECLOSED); a run, refine or export holds it while it works. An edited
// document's result reads the snapshot it was run on.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "document/document_pieces.h"
#include "filter/filter_program.h"
#include "filter/line_map.h"
#include "filter/line_set.h"
#include "mapped_file.h"

namespace lfe {

// The subject of a filter, held weakly (see above).
struct FilterSubject {
  std::weak_ptr<const MappedFile> file;
  std::shared_ptr<const DocumentPieces> pieces;  // null: the file itself
  // The subject for one query or job. Throws ECLOSED once the file was closed.
  std::shared_ptr<const Subject> Lock() const;
};

struct FilterLimits {
  unsigned threads = 0;   // 0: one per core
  size_t window = size_t{1} << 20;
  uint64_t segment = 0;   // bytes (root) or parent lines (refine) per segment; 0: chosen
};

struct FilterSummary {
  uint64_t count = 0;      // matching lines found
  uint64_t lines = 0;      // lines of the subject (once a root filter is complete; a refine's: its parent's)
  uint64_t scanned = 0;    // bytes (root) or parent lines (refine) judged
  uint64_t total = 0;      // ... of this many
  bool complete = false;
  bool cancelled = false;
};

struct FilterRow {
  uint64_t line = 0;    // 0-based
  uint64_t offset = 0;  // where the line starts
  uint64_t length = 0;  // its bytes without the '\n' (the bytes shown when truncated)
  bool match = true;    // false: a context line
  bool gap_before = false;  // the row before it is not the line before it
  bool truncated = false;   // longer than the bytes shown
  size_t bytes_end = 0;     // end of its bytes in FilterRows::bytes
  size_t spans_end = 0;     // end of its match spans in FilterRows::spans
};

struct FilterRows {
  std::vector<FilterRow> rows;
  std::string bytes;
  std::vector<MatchSpan> spans;  // relative to the row's line start
};

struct RowOptions {
  uint64_t before = 0;  // context lines
  uint64_t after = 0;
  size_t max_bytes = 4096;
  size_t max_spans = 64;
};

struct NearestHit {
  uint64_t index = 0;  // among the matching lines
  uint64_t line = 0;
  bool exact = false;  // the offset is on a matching line
};

struct ExportOptions {
  uint64_t before = 0;
  uint64_t after = 0;
  bool separators = true;  // "--" between groups of context that do not touch (as grep and rg write)
  // Only the lines [first_line, end_line) of the rows (a time range of a log, as line numbers).
  uint64_t first_line = 0;
  uint64_t end_line = UINT64_MAX;
  unsigned threads = 0;  // workers finding and copying the lines (0: one per core)
  uint64_t segment = 0;  // subject bytes per worker's stretch, rounded up to 64 KiB (0: 8 MiB)
};

struct ExportSummary {
  uint64_t lines = 0;
  uint64_t bytes = 0;
  bool cancelled = false;
};

class FilterResult {
 public:
  // A filter of every line of `subject`.
  FilterResult(FilterSubject subject, std::shared_ptr<const FilterProgram> program, uint64_t density_buckets);
  // A refine: `program` over the lines of `parent`, which must be complete (EINVAL otherwise).
  FilterResult(std::shared_ptr<const FilterResult> parent, std::shared_ptr<const FilterProgram> program,
               uint64_t density_buckets);

  // Runs the filter; blocks until done or cancelled. `progress()` is called now and then from
  // this thread. Throws EngineError.
  void Run(const FilterLimits& limits, const std::atomic<bool>& cancel, const std::function<void()>& progress);

  FilterSummary summary() const;
  uint64_t RowCount(uint64_t before, uint64_t after);
  FilterRows Rows(uint64_t start, uint64_t count, const RowOptions& options);
  std::optional<NearestHit> Nearest(uint64_t offset);
  std::vector<uint32_t> Density() const;
  // The matching line numbers [start, start + count).
  std::vector<uint64_t> Lines(uint64_t start, uint64_t count) const;
  // Writes the lines (with context) to `path`, each ending with '\n'. Needs a complete result.
  ExportSummary Export(const std::string& path, const ExportOptions& options, const std::atomic<bool>& cancel,
                       const std::function<void(uint64_t lines, uint64_t total)>& progress) const;

  const FilterSubject& subject() const { return subject_; }
  bool complete() const;
  // Heap bytes held (the set and the map), for the memory budget.
  size_t bytes() const;

 private:
  void RunRoot(const Subject& subject, const FilterLimits& limits, const std::atomic<bool>& cancel,
               const std::function<void()>& progress);
  void RunRefine(const Subject& subject, const FilterLimits& limits, const std::atomic<bool>& cancel,
                 const std::function<void()>& progress);
  void AddDensity(const std::vector<uint32_t>& counts, uint64_t first);
  // The lines a view with this context shows (cached while the set does not change).
  const LineSet& ViewSet(uint64_t before, uint64_t after);
  uint64_t LineLimit() const;

  FilterSubject subject_;
  std::shared_ptr<const FilterProgram> program_;
  std::shared_ptr<const FilterResult> parent_;
  std::shared_ptr<LineMap> map_;
  const uint64_t density_buckets_;

  mutable std::mutex mutex_;
  LineSet lines_;
  std::vector<uint32_t> density_;
  uint64_t total_lines_ = 0;
  std::atomic<uint64_t> scanned_{0};
  uint64_t total_ = 0;
  bool complete_ = false;
  bool cancelled_ = false;
  // For rows: an evaluator of this thread's (the JS thread's) for match spans, and the context view.
  std::unique_ptr<LineEvaluator> spans_;
  struct ContextView {
    uint64_t before = 0;
    uint64_t after = 0;
    uint64_t count = 0;  // lines_.size() it was made from
    LineSet set;
  };
  std::optional<ContextView> context_;
};

}  // namespace lfe
