{
  "targets": [
    {
      "target_name": "lfe",
      "sources": [
        "src/addon.cc",
        "src/engine_error.cc",
        "src/mapped_file.cc",
        "src/mapped_file_wrap.cc",
        "src/document_wrap.cc",
        "src/document/piece_codec.cc",
        "src/document/document_pieces.cc",
        "src/document/document_subject.cc",
        "src/search_job.cc",
        "src/line_index_job.cc",
        "src/search/byte_pattern_matcher.cc",
        "src/search/caseless_text_matcher.cc",
        "src/search/unicode.cc",
        "src/search/unicode_tables.cc",
        "src/search/regex_matcher.cc",
        "src/search/matcher_factory.cc",
        "src/search/scan_loop.cc",
        "src/search/parallel_search.cc",
        "src/search/replaced_search.cc",
        "src/lines/line_index.cc",
        "src/filter_job.cc",
        "src/filter/line_set.cc",
        "src/filter/line_map.cc",
        "src/filter/newlines.cc",
        "src/filter/filter_program.cc",
        "src/filter/line_scan.cc",
        "src/filter/line_locator.cc",
        "src/filter/filter_result.cc",
        "src/filter/filter_export.cc",
        "src/time_job.cc",
        "src/time/timestamp_format.cc",
        "src/time/custom_format.cc",
        "src/time/format_detect.cc",
        "src/time/line_probe.cc",
        "src/time/time_search.cc",
        "src/time/time_histogram.cc",
        "src/time/histogram_segment.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "src",
        "<!@(node pcre2-config.js include_dirs)"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "NODE_ADDON_API_CPP_EXCEPTIONS_ALL",
        "NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED",
        "<!@(node pcre2-config.js defines)"
      ],
      "libraries": ["<!@(node pcre2-config.js libraries)"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++1y", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-Wall", "-Wextra", "-Werror", "-O3"],
      "conditions": [
        ["OS=='win'", {
          "sources": ["src/windows/mapping_windows.cc", "src/windows/guard_windows.cc", "src/windows/win32.cc", "src/windows/output_file_windows.cc"],
          "msvs_settings": {
            "VCCLCompilerTool": { "ExceptionHandling": 1, "WarnAsError": "true", "AdditionalOptions": ["/std:c++17", "/W4"] }
          }
        }, {
          "sources": ["src/posix/mapping_posix.cc", "src/posix/guard_posix.cc", "src/posix/output_file_posix.cc"],
          "libraries": ["-pthread"]
        }],
        ["OS=='mac'", {
          "xcode_settings": {
            "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
            "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
            "GCC_TREAT_WARNINGS_AS_ERRORS": "YES",
            "MACOSX_DEPLOYMENT_TARGET": "10.15"
          }
        }]
      ]
    }
  ]
}
