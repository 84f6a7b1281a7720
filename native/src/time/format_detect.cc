#include "time/format_detect.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <vector>

#include "mapped_file.h"
#include "time/civil_time.h"
#include "time/custom_format.h"

namespace lfe {

namespace {

constexpr uint64_t kHeadBytes = 64 * 1024;
constexpr size_t kHeadLines = 200;
constexpr uint64_t kProbeBytes = 8 * 1024;
constexpr size_t kProbeLines = 20;

struct Sample {
  uint64_t start;
  std::string bytes;  // the line's first bytes, without '\r\n'
  bool head;
};

// A copy of [a, b) of the subject (the fault guard around the copy).
std::vector<uint8_t> Copy(const Subject& subject, uint64_t a, uint64_t b) {
  std::vector<uint8_t> out(static_cast<size_t>(b - a));
  std::vector<uint8_t> scratch;
  const uint8_t* view = subject.View(a, b, scratch);
  uint8_t* dst = out.data();
  const size_t n = out.size();
  subject.Guard([&] { std::memcpy(dst, view, n); });
  return out;
}

// The lines of a copy of [a, b): complete ones only (a line cut by `b` counts when b is the end;
// one cut by `a` when a is the range's begin).
void Split(const std::vector<uint8_t>& bytes, uint64_t a, bool starts_line, bool reaches_end, bool head, size_t most,
           bool keep_last, std::vector<Sample>* out) {
  std::vector<Sample> lines;
  size_t pos = 0;
  if (!starts_line) {
    const void* nl = std::memchr(bytes.data(), '\n', bytes.size());
    if (!nl) return;
    pos = static_cast<size_t>(static_cast<const uint8_t*>(nl) - bytes.data()) + 1;
  }
  while (pos < bytes.size()) {
    const void* nl = std::memchr(bytes.data() + pos, '\n', bytes.size() - pos);
    const size_t stop = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - bytes.data()) : bytes.size();
    if (!nl && !reaches_end) break;
    size_t len = stop - pos;
    if (len > 0 && bytes[pos + len - 1] == '\r') --len;
    if (len > 0) {
      const size_t kept = std::min<size_t>(len, LineTimeParser::kLineHead);
      lines.push_back(Sample{a + pos, std::string(reinterpret_cast<const char*>(bytes.data() + pos), kept), head});
    }
    pos = stop + 1;
  }
  if (lines.size() > most) {
    if (keep_last) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(most));
    else lines.resize(most);
  }
  for (Sample& s : lines) out->push_back(std::move(s));
}

std::vector<Sample> SampleLines(const Subject& subject, uint64_t begin, uint64_t end) {
  std::vector<Sample> samples;
  const uint64_t head_end = std::min(end, begin + kHeadBytes);
  // The disk reads the places further in while the head is read (cold, each read waits ~5 ms).
  if (const MappedFile* mapped = dynamic_cast<const MappedFile*>(&subject); mapped && end - begin > kHeadBytes) {
    for (int quarter = 1; quarter <= 3; ++quarter) mapped->WillNeed(begin + (end - begin) / 4 * quarter, kProbeBytes);
    mapped->WillNeed(end - kProbeBytes, kProbeBytes);
  }
  Split(Copy(subject, begin, head_end), begin, true, head_end == end, true, kHeadLines, false, &samples);
  if (end - begin <= kHeadBytes) return samples;
  for (int quarter = 1; quarter <= 3; ++quarter) {
    const uint64_t at = begin + (end - begin) / 4 * quarter;
    const uint64_t to = std::min(end, at + kProbeBytes);
    Split(Copy(subject, at, to), at, false, to == end, false, kProbeLines, false, &samples);
  }
  const uint64_t tail = std::max(begin, end - kProbeBytes);
  Split(Copy(subject, tail, end), tail, tail == begin, true, false, kProbeLines, true, &samples);
  return samples;
}

std::vector<TimeFormat> Candidates(const DetectOptions& options) {
  std::vector<TimeFormat> out;
  auto add = [&](TimeKind kind, TimeAnchor anchor, char sep = '-') {
    TimeFormat f;
    f.kind = kind;
    f.anchor = anchor;
    f.date_sep = sep;
    out.push_back(f);
  };
  if (!options.custom_format.empty() || !options.pattern.empty()) {
    const TimeAnchor anchor = options.pattern.empty() ? TimeAnchor::kLineStart : TimeAnchor::kPattern;
    if (!options.custom_format.empty()) {
      TimeFormat f;
      f.kind = TimeKind::kCustom;
      f.anchor = anchor;
      f.custom = std::make_shared<const CustomFormat>(options.custom_format);
      f.pattern = options.pattern;
      out.push_back(f);
      return out;
    }
    for (const TimeKind k : {TimeKind::kYmd, TimeKind::kSyslog, TimeKind::kCtime, TimeKind::kClf, TimeKind::kEpochSeconds,
                             TimeKind::kEpochMillis}) {
      add(k, anchor);
      if (k == TimeKind::kYmd) add(k, anchor, '/');
    }
    for (TimeFormat& f : out) f.pattern = options.pattern;
    return out;
  }
  add(TimeKind::kYmd, TimeAnchor::kLineStart);
  add(TimeKind::kYmd, TimeAnchor::kLineStart, '/');
  add(TimeKind::kSyslog, TimeAnchor::kLineStart);
  add(TimeKind::kEpochSeconds, TimeAnchor::kLineStart);
  add(TimeKind::kEpochMillis, TimeAnchor::kLineStart);
  add(TimeKind::kCtime, TimeAnchor::kLineStart);
  add(TimeKind::kYmd, TimeAnchor::kBracket);
  add(TimeKind::kClf, TimeAnchor::kBracket);
  add(TimeKind::kCtime, TimeAnchor::kBracket);
  add(TimeKind::kYmd, TimeAnchor::kBracket, '/');
  add(TimeKind::kSyslog, TimeAnchor::kBracket);
  add(TimeKind::kYmd, TimeAnchor::kSearch);
  add(TimeKind::kYmd, TimeAnchor::kSearch, '/');
  return out;
}

bool YearFree(const TimeFormat& f) {
  return f.kind == TimeKind::kSyslog || (f.kind == TimeKind::kCustom && f.custom && !f.custom->has_year());
}

// Month, day and time of a stamp parsed in year 2000 (the year-free calendar of SyslogYears).
int64_t YearFreeOf(int64_t micros) {
  const int64_t days = FloorDiv(micros, kMicrosPerDay);
  const CivilDate d = CivilFromDays(days);
  return YearFreeSeconds(d.month, d.day, (micros - days * kMicrosPerDay) / kMicrosPerSecond);
}

// Sets format->years from the first and last timed samples and the reference time.
void ResolveYears(TimeFormat* format, const std::vector<Sample>& samples, int64_t reference_micros) {
  TimeFormat probe = *format;
  probe.years = SyslogYears{2000, 0};
  LineTimeParser parser(probe);
  std::optional<int64_t> first;
  std::optional<int64_t> last;
  for (const Sample& s : samples) {
    Stamp st;
    if (!parser.Parse(reinterpret_cast<const uint8_t*>(s.bytes.data()), s.bytes.size(), &st)) continue;
    if (!first) first = YearFreeOf(st.micros);
    last = YearFreeOf(st.micros);
  }
  if (!first) return;
  if (reference_micros == 0) {
    reference_micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  const int64_t ref_days = FloorDiv(reference_micros, kMicrosPerDay);
  const CivilDate ref = CivilFromDays(ref_days);
  const int64_t ref_yfs = YearFreeSeconds(ref.month, ref.day, (reference_micros - ref_days * kMicrosPerDay) / kMicrosPerSecond);
  const int64_t last_year = ref.year - (*last > ref_yfs + 86400 ? 1 : 0);
  const bool rolled = *last < *first - 86400;
  format->years.base_year = last_year - (rolled ? 1 : 0);
  format->years.pivot = *first - 86400;
}

}  // namespace

std::optional<DetectedFormat> DetectTimeFormat(const Subject& subject, uint64_t begin, uint64_t end, const DetectOptions& options) {
  end = std::min(end, subject.size());
  begin = std::min(begin, end);
  const std::vector<Sample> samples = SampleLines(subject, begin, end);
  std::vector<TimeFormat> candidates = Candidates(options);
  size_t best = candidates.size();
  uint64_t best_score = 0;
  for (size_t c = 0; c < candidates.size(); ++c) {
    // Year-less candidates score with any year: which one does not change what parses.
    LineTimeParser parser(candidates[c]);
    uint64_t score = 0;
    for (const Sample& s : samples) {
      Stamp st;
      if (parser.Parse(reinterpret_cast<const uint8_t*>(s.bytes.data()), s.bytes.size(), &st)) ++score;
    }
    if (score > best_score) {
      best_score = score;
      best = c;
    }
  }
  if (best == candidates.size()) return std::nullopt;
  DetectedFormat out;
  out.format = candidates[best];
  out.lines_sampled = samples.size();
  out.lines_timed = best_score;
  if (YearFree(out.format)) ResolveYears(&out.format, samples, options.reference_micros);
  LineTimeParser parser(out.format);
  for (const Sample& s : samples) {
    const uint8_t* line = reinterpret_cast<const uint8_t*>(s.bytes.data());
    Stamp st;
    if (!parser.Parse(line, s.bytes.size(), &st)) continue;
    out.first = st;
    out.first_offset = s.start;
    if (out.format.kind == TimeKind::kYmd) {
      // The shape of the stamp, for its name: parse it again where the anchor put it.
      for (size_t i = 0; i + 16 <= s.bytes.size(); ++i) {
        Stamp again;
        if (ParseYmd(line + i, line + s.bytes.size(), out.format.date_sep, &again, &out.shape) && again.micros == st.micros) break;
      }
      // `2026-03-01 00:00:00,123` is log4j's; `2026-03-01T00:00:00,123` is ISO 8601 with a comma.
      out.format.comma_fraction = out.shape.comma_fraction && !out.shape.t_separator;
    } else {
      out.shape.zone = st.offset_minutes != kNoZone;
      out.shape.offset_minutes = st.offset_minutes;
    }
    break;
  }
  return out;
}

}  // namespace lfe
