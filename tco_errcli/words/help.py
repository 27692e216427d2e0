"""The words of every --help page, in English and Chinese: command summaries, examples, exit statuses, and the
Chinese of each command's and option's help text (keyed by its English, which lives beside the option in cli/).

tests/test_help.py checks that every help text of every command has its Chinese here, so an option added
without one fails there, not on a user's screen.
"""

from __future__ import annotations

# command -> (English, Chinese): the one line `tco-err --help` lists; at most 60 cells, so it is never cut
SUMMARIES: dict[str, tuple[str, str]] = {
    "lookup": ("What a code means, what to do, whether to retry", "错误码的含义、处理办法、能否重试"),
    "search": ("Find codes by meaning, in English or Chinese", "按含义查找错误码（中文或英文）"),
    "list": ("List codes: by category, action, version or product", "列出错误码：按类别、接口、版本或产品"),
    "explain": ("Explain every error in a response, an exception or a log", "解释响应、异常或日志中的每个错误"),
    "scan": ("Count error codes in logs of any size", "统计任意大小日志中的错误码"),
    "doctor": ("Check credentials, clock and language offline", "离线检查凭证、时钟和语言设置"),
    "run": ("Run a command, then explain the errors it printed", "运行命令，然后解释其输出中的错误"),
}

# command -> the command lines its --help shows under Examples (the same in every language; at most 46
# characters, so that they fit whole at 50 columns)
EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        "tco-err AuthFailure.SignatureExpire",
        'tco-err search "department"',
        "tccli cvm DescribeInstances 2>&1 | tco-err",
        "tco-err help json",
    ),
    "lookup": (
        "tco-err lookup AuthFailure.SignatureExpire",
        "tco-err lookup -p cvm InvalidParameter",
        "tco-err lookup --json LimitExceeded",
        "cut -f1 codes.tsv | tco-err lookup -",
    ),
    "search": (
        'tco-err search "department"',
        'tco-err search "成员已经在别的组织"',
        'tco-err search -p cvm "instance not found"',
    ),
    "list": (
        "tco-err list --category LimitExceeded",
        "tco-err list --action CreateOrganizationMember",
        "tco-err list --products",
    ),
    "explain": (
        "tco-err explain response.json",
        "terraform apply 2>&1 | tco-err explain -",
        "tco-err explain --exit-verdict error.log",
        "tail -f app.log | tco-err explain",
    ),
    "scan": (
        "tco-err scan /var/log/app/",
        "tco-err scan --top 5 app.log app.log.1",
        "zcat app.log.gz | tco-err scan --json",
    ),
    "doctor": ("tco-err doctor", "tco-err doctor --json"),
    "run": (
        "tco-err run -- terraform apply",
        "tco-err run -- tccli cvm DescribeInstances",
        "tco-err run --exit-verdict -- ./deploy.sh",
    ),
}

# command -> (English, Chinese): the exit statuses under each --help page
EXIT_STATUS = {
    "default": (
        "Exit status: 0 found, 1 nothing found, 2 usage or input error, 130 interrupted.",
        "退出状态：0 已找到，1 未找到，2 用法或输入错误，130 已中断。",
    ),
    "explain": (
        "Exit status: 0 found, 1 nothing found, 2 usage or input error, 130 interrupted; with --exit-verdict, "
        "3 retry, 4 fix, 5 unknown instead of 0.",
        "退出状态：0 已找到，1 未找到，2 用法或输入错误，130 已中断；使用 --exit-verdict 时以 3 可重试、4 需修正、5 未知代替 0。",
    ),
    "run": (
        "Exit status: the command's own (128+N when signal N ended it), 126 it cannot be run, 127 it was not found, "
        "2 usage error; with --exit-verdict a failing command gives 3 retry, 4 fix, 5 unknown instead.",
        "退出状态：命令自身的退出状态（被信号 N 终止时为 128+N），126 无法运行，127 找不到命令，2 用法错误；"
        "使用 --exit-verdict 时，失败的命令改为 3 可重试、4 需修正、5 未知。",
    ),
    "doctor": (
        "Exit status: 0 no failing check, 1 a check failed, 2 usage error, 3 no credentials found, 130 interrupted.",
        "退出状态：0 没有失败的检查，1 有检查失败，2 用法错误，3 未找到凭证，130 已中断。",
    ),
}

# the words click and typer write around the help texts
HEADINGS: dict[str, str] = {
    "Usage": "用法",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Examples": "示例",
    "required": "必填",
    "default": "默认",
    "OPTIONS": "选项",
    "COMMAND": "命令",
    "ARGS": "参数",
}

# English help text -> its Chinese; names of codes, options, files and commands stay as they are
ZH: dict[str, str] = {
    # the top level
    "Tencent Cloud API errors, explained: Organization (TCO, 集团账号管理) in depth, every other product from "
    "Tencent's own texts.\n\n`tco-err CODE` looks a code up; `... | tco-err` explains what is piped in; "
    "`tco-err help COMMAND` shows a command's options; `tco-err help json` the shape of --json.": "腾讯云 API 错误，"
    "一查即懂：集团账号管理（Organization，TCO）深入详尽，其他所有产品依据腾讯云官方说明。\n\n"
    "`tco-err 错误码` 查询错误码；`... | tco-err` 解释通过管道传入的内容；`tco-err help 命令` 显示命令的选项；"
    "`tco-err help json` 显示 --json 输出的结构。",
    "Show the version and exit.": "显示版本号并退出。",
    "Print long output straight to the terminal (anywhere on the line).": "长输出直接打印到终端，不使用分页器"
    "（可放在命令行任意位置）。",
    "Print long output straight to the terminal, not through a pager.": "长输出直接打印到终端，不使用分页器。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": "显示当前 shell 的"
    "补全脚本，以便复制或自定义安装。",
    "Show this message and exit.": "显示本帮助并退出。",
    # options several commands share
    "Machine-readable JSON (its shape: `tco-err help json`).": "机器可读的 JSON（结构见 `tco-err help json`）。",
    "en or zh (zh-CN, zh_CN, en-US... too): every word of the output and of the messages "
    "(default: from LANG/LC_ALL; zh_* gives zh).": "en 或 zh（也可写 zh-CN、zh_CN、en-US 等）：输出和提示的语言"
    "（默认取自 LANG/LC_ALL；zh_* 为中文）。",
    "Your own catalogue (JSON, see catalog.schema.json) laid over the built-in one.": "您自己的错误码库"
    "（JSON，见 catalog.schema.json），叠加在内置错误码库之上。",
    "The Tencent Cloud product the error came from (cvm, a host such as cvm.tencentcloudapi.com, or a "
    "product name): its own codes and official meanings.": "错误所属的腾讯云产品（如 cvm、"
    "cvm.tencentcloudapi.com 这样的域名，或产品名称）：使用该产品自己的错误码和官方含义。",
    "text (the default: a terminal view, or plain text in a pipe), json (as --json), or github: "
    "GitHub Actions annotations on each error's file and line.": "text（默认：终端视图，管道中为纯文本）、"
    "json（同 --json）或 github：在每个错误所在的文件和行上生成 GitHub Actions 注释。",
    # lookup
    "Show what an error code means, what to do, whether to retry, and which actions return it.": "显示错误码的"
    "含义、处理办法、能否重试，以及哪些接口会返回它。",
    "An error code (any case, the SDK constant form, `code: X,` as copied), a category such as AuthFailure, "
    "or a code's detail such as SignatureExpire; - reads codes from stdin.": "错误码（大小写不限，也可以是 SDK "
    "常量形式或原样复制的 `code: X,`）、类别（如 AuthFailure）或错误码的后半部分（如 SignatureExpire）；"
    "- 表示从标准输入读取错误码。",
    "Every action that returns the code, not the first few.": "列出返回该错误码的所有接口，而不只是前几个。",
    # search
    "Search codes by meaning: names, official messages, hints and users' words (English and Chinese, "
    "typo-tolerant).": "按含义搜索错误码：名称、官方说明、处理建议和用户的常用说法（中英文均可，容许拼写错误）。",
    "Words to look for, English or Chinese; typos are fine.": "要查找的词语，中文或英文；拼写错误也没关系。",
    "How many results.": "结果数量。",
    "Search another product's codes by their official messages (a short name, host or name), or `all` for "
    "every product's; the default is Organization's and the common codes.": "按官方说明搜索其他产品的错误码"
    "（产品简称、域名或名称），`all` 表示所有产品；默认搜索集团账号管理和公共错误码。",
    # list
    "List every code, or those matching the filters (the action in any case).": "列出所有错误码，或符合筛选条件的"
    "错误码（接口名大小写不限）。",
    "e.g. AuthFailure, FailedOperation.": "如 AuthFailure、FailedOperation。",
    "Only codes of this version.": "只列出该 API 版本的错误码。",
    "Only codes this action may return.": "只列出该接口可能返回的错误码。",
    "Only platform-wide codes (every product returns them).": "只列出公共错误码（所有产品都会返回）。",
    "Only Organization's own codes.": "只列出集团账号管理自己的错误码。",
    "Every Tencent Cloud product, with its code count.": "列出所有腾讯云产品及其错误码数量。",
    # explain
    "Find every Tencent Cloud error in pasted output and explain and diagnose each one.\n\nFrom a pipe or a "
    "terminal, each finding is printed as soon as its record is complete (tail -f app.log | ...).": "找出粘贴的"
    "输出中的每个腾讯云错误，逐一解释并诊断。\n\n从管道或终端读取时，每条错误记录一结束就立即打印"
    "（tail -f app.log | ...）。",
    "Files holding an API response, SDK exception, tccli or Terraform output, or a log; - (or nothing) for "
    "stdin; the error text itself also works.": "包含 API 响应、SDK 异常、tccli 或 Terraform 输出、日志的文件；"
    "- 或不填表示标准输入；也可以直接给出错误文本。",
    "One JSON finding per line as each is found, then a summary line.": "每发现一个错误就输出一行 JSON，最后一行为汇总。",
    "Exit 3 when every error may be retried as is, 4 when one must be fixed first, 5 when that is not known "
    "(0 stays: no error found is 1).": "所有错误都可原样重试时退出状态为 3，有错误需要先修正时为 4，"
    "无法判断时为 5（未找到错误仍为 1）。",
    # scan
    "Count every Tencent Cloud error code in logs, streaming: first and last line, description, hint.": "流式统计"
    "日志中的每个腾讯云错误码：首次和末次出现的行、说明、处理建议。",
    "Log files or directories of any size; - (or nothing) for stdin.": "任意大小的日志文件或目录；- 或不填表示标准输入。",
    "Only the N most frequent codes.": "只显示出现次数最多的 N 个错误码。",
    "Files counted at once (default: the number of cores).": "同时统计的文件数（默认：CPU 核数）。",
    "auto: ripgrep if the fast extra is installed, else python.": "auto：安装了 fast 扩展时使用 ripgrep，否则使用 python。",
    "Engine: ripgrep (the fast extra is installed); --engine python for the pure-Python scanner.": "引擎：ripgrep"
    "（已安装 fast 扩展）；--engine python 使用纯 Python 扫描器。",
    "Engine: python (pip install 'tco-err[fast]' adds ripgrep: faster where errors are rare).": "引擎：python"
    "（pip install 'tco-err[fast]' 可加装 ripgrep：错误稀疏时更快）。",
    # doctor
    "Check credentials, clock and language offline, the setup behind the commonest auth errors.": "离线检查凭证、"
    "时钟和语言设置——最常见的鉴权错误就出在这些地方。",
    # run
    "Run a command; pass its output through unchanged, then explain the Tencent Cloud errors it printed.\n\n"
    "The explanation comes after the command has exited, on stderr (or in --report FILE), so the command's "
    "stdout\nstays clean for a pipe; the exit status is the command's own. Ctrl-C and SIGTERM reach the "
    "command.": "运行命令，原样透传其输出，然后解释其中的腾讯云错误。\n\n解释在命令退出后写到标准错误"
    "（或 --report 指定的文件），命令的标准输出保持干净，可继续用于管道；退出状态为命令自身的退出状态。"
    "Ctrl-C 和 SIGTERM 会传给该命令。",
    "The command and its arguments; put -- before it when it starts with a dash.": "要运行的命令及其参数；"
    "命令以 - 开头时，在前面加 --。",
    "Write the explanation to FILE instead of stderr (- for stdout, after the command's own output).": "把解释"
    "写入 FILE 而不是标准错误（- 表示标准输出，在命令自身的输出之后）。",
    "When the command fails, exit 3 if every error may be retried as is, 4 if one must be fixed first, 5 if "
    "that is not known or no Tencent Cloud error was printed (success stays 0, a signal 128+N).": "命令失败时，"
    "所有错误都可原样重试则退出状态为 3，有错误需要先修正则为 4，无法判断或没有输出腾讯云错误则为 5"
    "（成功仍为 0，被信号终止为 128+N）。",
}
