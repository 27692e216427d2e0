"""Every sentence tco-err writes to stderr, in English and Chinese: one table, looked up by key.

Core modules raise `TcoErrError.of(key, **params)`; the CLI writes `words.message(key, lang, ...)`. The English
text is also the exception's message, so the Python API and the logs read the same as the CLI in English.
Output labels (stdout) live in labels.py; JSON keys are never translated.
"""

from __future__ import annotations

# key: (English, Chinese); {name} fields are filled by words.message()
WORDS: dict[str, tuple[str, str]] = {
    # the prefixes of every stderr line
    "error": ("tco-err: error: {text}", "tco-err: 错误：{text}"),
    "note": ("tco-err: {text}", "tco-err: {text}"),
    "interrupted": ("interrupted", "已中断"),
    "see_help": (" (see {command} --help)", "（参见 {command} --help）"),
    # lookup
    "unknown_code": ("unknown code {code!r}", "未知错误码 {code!r}"),
    "did_you_mean": ("; did you mean: {names}?", "；您是否要找：{names}？"),  # added to another sentence
    "showing_parent": (
        "{code!r} is not a known code; showing its parent {parent}",
        "{code!r} 不是已知错误码；显示其上级错误码 {parent}",
    ),
    "showing_detail": (
        "{code!r} is not a full code; showing {found}",
        "{code!r} 不是完整的错误码；显示 {found}",
    ),
    "showing_category": (
        "{code!r} is a category; its {count} codes follow (tco-err lookup CODE for one)",
        "{code!r} 是错误码类别，以下是其中的 {count} 个错误码（查看单个错误码：tco-err lookup 错误码）",
    ),
    "not_a_code": (
        "{code!r} is not an error code; closest matches by meaning (tco-err search for more):",
        "{code!r} 不是错误码；按含义最接近的错误码如下（更多结果请用 tco-err search）：",
    ),
    "not_a_code_no_hits": ("{code!r} is not an error code, and no code matches it", "{code!r} 不是错误码，也没有相符的错误码"),
    "empty_code": (
        "give an error code, e.g. tco-err lookup AuthFailure.SignatureExpire",
        "请给出错误码，例如 tco-err lookup AuthFailure.SignatureExpire",
    ),
    "empty_search": (
        'give words to search for, e.g. tco-err search "clock skew"',
        '请给出要搜索的词，例如 tco-err search "时钟"',
    ),
    # search / list
    "nothing_matches": ("nothing matches {text!r}", "没有与 {text!r} 相符的错误码"),
    "no_filter_match": ("no code matches these filters", "没有符合这些条件的错误码"),
    "unknown_action": ("unknown action {action!r}", "未知接口 {action!r}"),
    "unknown_action_mean": ("unknown action {action!r}; did you mean: {names}?", "未知接口 {action!r}；您是否要找：{names}？"),
    "unknown_api_version": ("unknown API version {version!r}; use one of {known}", "未知 API 版本 {version!r}；可选：{known}"),
    "common_and_service": (
        "--common and --service exclude each other; give one of them",
        "--common 与 --service 不能同时使用；请只给出其一",
    ),
    "bad_lang": (
        "unknown language {value!r}; use en or zh (zh-CN, en-US and the like also work)",
        "未知语言 {value!r}；可选 en 或 zh（也接受 zh-CN、en-US 等写法）",
    ),
    # explain / scan inputs
    "stdin": ("standard input", "标准输入"),
    "empty_input": ("{name} is empty", "{name} 为空"),
    "progress_found": ("{count} distinct error(s) so far", "已发现 {count} 种错误"),
    "no_error_found": ("no Tencent Cloud error found in {name}", "{name} 中未找到腾讯云错误"),
    "no_code_in_line": ("no Tencent Cloud error code found in {lines} line", "在 {lines} 行中未找到腾讯云错误码"),
    "no_code_in_lines": ("no Tencent Cloud error code found in {lines} lines", "在 {lines} 行中未找到腾讯云错误码"),
    "scan_top_left_out": ("--top {top}: {count} more code(s) not shown", "--top {top}：另有 {count} 种错误码未显示"),
    "scan_unlisted": (
        "{count} more occurrence(s) of codes outside the catalogue were counted but not listed:"
        " only the first {cap} distinct ones are kept",
        "另有 {count} 次错误码库以外的错误码已计数但未列出：只保留前 {cap} 个不同的错误码",
    ),
    "explaining_text": (
        "{name} is not a file; explaining the argument itself as text",
        "{name} 不是文件；将该参数本身作为文本解析",
    ),
    "codes_prompt": (
        "type or paste codes, one a line, then press Ctrl-D on a new line",
        "请输入或粘贴错误码，每行一个，然后在新的一行按 Ctrl-D",
    ),
    "paste_prompt": (
        "paste the error, then press Ctrl-D on a new line (Ctrl-C to cancel)",
        "请粘贴错误信息，然后在新的一行按 Ctrl-D（按 Ctrl-C 取消）",
    ),
    "no_such_file": ("{path}: no such file", "{path}：文件不存在"),
    "permission_denied": ("{path}: permission denied", "{path}：没有读取权限"),
    "cannot_read": ("{path}: cannot read ({reason})", "{path}：无法读取（{reason}）"),
    "is_directory": (
        "{path}: is a directory; give a file, or pipe several with cat",
        "{path}：是目录；请给出文件，或用 cat 将多个文件通过管道传入",
    ),
    "no_writer": (
        "{path}: a FIFO nothing opened for writing in {seconds} s; start the command that writes to it first",
        "{path}：命名管道在 {seconds} 秒内无进程写入；请先启动向它写入的命令",
    ),
    "read_failed": ("{path}: read failed ({reason})", "{path}：读取失败（{reason}）"),
    "too_large": (
        "{path}: larger than {mib} MiB; use `tco-err scan` for large logs",
        "{path}：超过 {mib} MiB；大日志请用 `tco-err scan`",
    ),
    "stdin_closed": ("standard input is closed", "标准输入已关闭"),
    "line_too_long": ("{path}: a line longer than {mib:,} MiB; is this a log?", "{path}：有一行超过 {mib:,} MiB；这是日志吗？"),
    "out_of_memory": ("out of memory", "内存不足"),
    "out_of_memory_scan": (
        "out of memory; for large logs use `tco-err scan`, which streams",
        "内存不足；大日志请用 `tco-err scan`，它以流方式处理",
    ),
    "ripgrep_missing": (
        "the ripgrep engine needs the fast extra: pip install 'tco-err[fast]'",
        "`ripgrep` 引擎需要安装 `fast` 扩展：`pip install 'tco-err[fast]'`",
    ),
    # run
    "run_no_command": (
        "give a command to run, e.g. tco-err run -- terraform apply",
        "请给出要运行的命令，例如 `tco-err run -- terraform apply`",
    ),
    "command_not_found": ("{command}: command not found", "{command}：找不到命令"),
    "command_no_such_file": ("{command}: no such file", "{command}：文件不存在"),
    "command_not_executable": ("{command} is not executable (permission denied)", "{command} 不可执行（没有执行权限）"),
    "command_is_directory": ("{command}: is a directory", "{command}：是目录"),
    "command_bad_interpreter": (
        "{command}: the interpreter on its #! line does not exist",
        "{command}：其 #! 行指定的解释器不存在",
    ),
    "command_cannot_run": ("{command}: cannot run ({reason})", "{command}：无法运行（{reason}）"),
    "run_stdout": ("standard output", "标准输出"),
    "run_stderr": ("standard error", "标准错误"),
    "run_exited": ("{command} exited with status {status}", "{command} 已退出，退出状态 {status}"),
    "run_signalled": ("{command} was ended by {signal} (status {status})", "{command} 被信号 {signal} 终止（退出状态 {status}）"),
    "run_errors_follow": ("{ended}; the Tencent Cloud errors in its output:", "{ended}；其输出中的腾讯云错误如下："),
    "run_no_error": ("{ended}; no Tencent Cloud error found in its output", "{ended}；其输出中未找到腾讯云错误"),
    "run_lost_output": (
        "cannot pass the command's {stream} on: {reason}",
        "无法转发该命令的{stream}：{reason}",
    ),
    "report_unwritable": ("{path}: cannot write the report ({reason})", "{path}：无法写入报告（{reason}）"),
    # output
    "cannot_write": ("cannot write the output: {reason}", "无法写出输出：{reason}"),
    "output_closed": ("cannot write the output: standard output is closed", "无法写出输出：标准输出已关闭"),
    # --catalog and the built-in catalogue
    "catalog_directory": ("catalogue {path} is a directory", "错误码库 {path} 是目录"),
    "catalog_too_large": ("catalogue {path} is larger than {mib} MiB", "错误码库 {path} 超过 {mib} MiB"),
    "catalog_missing": ("catalogue {path} does not exist", "错误码库 {path} 不存在"),
    "catalog_unreadable": ("catalogue {path} is not readable (permission denied)", "错误码库 {path} 无法读取（没有权限）"),
    "catalog_not_json": ("catalogue {path} is not valid JSON: {reason}", "错误码库 {path} 不是有效的 JSON：{reason}"),
    "catalog_too_deep": ("catalogue {path} is nested too deeply", "错误码库 {path} 嵌套过深"),
    "catalog_fifo": (
        "catalogue {path} is a pipe or FIFO; give a regular file",
        "错误码库 {path} 是管道或命名管道；请给出普通文件",
    ),
    "catalog_read_failed": ("catalogue {path} cannot be read: {reason}", "错误码库 {path} 无法读取：{reason}"),
    "catalog_schema": (
        "catalogue {path} does not match the schema at {location}: {reason}",
        "错误码库 {path} 在 {location} 处不符合 `catalog.schema.json`：{reason}",
    ),
    "builtin_catalog": ("the built-in catalogue {path} cannot be read: {reason}", "内置错误码库 {path} 无法读取：{reason}"),
    # usage errors reported by the argument parser, turned into one line
    "scan_skipped": (
        "skipped {path}: not a regular file (a FIFO, socket or device)",
        "已跳过 {path}：不是普通文件（命名管道、套接字或设备）",
    ),
    "scan_unreadable_dir": ("cannot list the directory {path}", "无法列出目录 {path}"),
    "unknown_product": (
        "no product {product!r} (give its short name, its API host or its name); did you mean: {names}",
        "没有产品 {product!r}（请使用产品简称、API 域名或产品名称）；您是否要找：{names}",
    ),
    "missing_argument": ("missing argument {name}", "缺少参数 {name}"),
    "no_such_option": ("no such option: {name}", "没有此选项：{name}"),
    "no_such_command": ("no such command {name!r}", "没有此命令 {name!r}"),
    "invalid_value": ("invalid value for {name}: {reason}", "{name} 的取值无效：{reason}"),
    "not_a_number": ("{value!r} is not a number", "{value!r} 不是数字"),
    "out_of_range": ("{value} is out of range ({range})", "{value} 超出范围（{range}）"),
    "not_a_choice": ("{value!r} is not one of {choices}", "{value!r} 不是以下之一：{choices}"),
    "option_needs_value": ("option {name} requires a value", "选项 {name} 需要一个值"),
    "got_unexpected": ("unexpected extra argument ({name})", "多余的参数（{name}）"),
}
