"""The fields of a finding, cleaned: the message without what a log or an SDK put around it, the RequestId
checked for its shape (placeholders and glued text are not RequestIds), the HTTP status a reason phrase stands for."""

from __future__ import annotations

from tco_errcli.model.patterns import lazy

from .shapes import HTTP_REASONS, RID_IN_MESSAGE, UUID_AT_START

MAX_MESSAGE = 4000
TRAILING_RID_LABEL = lazy(r"[,，;]?\s*(?i:request[ _-]?id)\s*[:=]?\s*$")


# what ends a message printed inside a longer line: a logrus level glued on
# ("…hostERRO[0010] …"), a logfmt field after two spaces
LOGRUS_LEVELS = ("ERRO[", "WARN[", "INFO[", "DEBU[", "FATA[")
PAIRS = {"`": "`", "'": "'", '"': '"', "’": "‘", "”": "“", "]": "[", ")": "(", "}": "{"}  # closer -> opener
SYMMETRIC = ("`", "'", '"')
OPENERS = {"“": "”", "‘": "’"}


def _unescape(text: str) -> str:
    """JSON-escaped text inside a log line (once or twice escaped): its characters."""
    for _ in range(2):
        if "\\" in text and ("\\n" in text or "\\/" in text or '\\"' in text):
            text = text.replace("\\\\", "\\").replace("\\n", "\n").replace("\\/", "/").replace('\\"', '"')
    return text


def _end_of_message(text: str) -> str:
    """Cut what a log glued after the message: another SDK error, a logrus level, logfmt fields, the end of the
    JSON string the message was escaped into."""
    text = TRAILING_RID_LABEL.sub("", text)  # "…resource, RequestId": the label of a value the paste cut off
    for level in LOGRUS_LEVELS:
        at = text.find(level)
        if at > 0 and text[at - 1] != " ":
            text = text[:at]
    at = text.find("  ")
    if at != -1 and "=" in text[at : at + 80] and "\n" not in text[at:]:
        field = text[at:].lstrip().split("=", 1)[0]
        if field.isidentifier():
            text = text[:at]
    at = text.find("  ")
    if at > 0 and text[:at].isascii() and _cjk(text[at + 2 : at + 3] or text[at:].lstrip()[:1]):
        text = text[:at]  # "…`TC3-HMAC-SHA256`.  我使用的就是…": an English message, then the user's own words
    if text.count("`") % 2 == 1:  # "`…Message=云资源类型无效。` 经排查 `ssl.…`": a backquote closing the paste's
        at = text.find("`")  # quote around the error, prose after it
        if at > 0 and (at + 1 == len(text) or text[at + 1].isspace()):
            text = text[:at]
    if '\\"' in text:  # escaped into a JSON string: it ends at the first quote not escaped
        for at, ch in enumerate(text):
            if ch == '"' and (at == 0 or text[at - 1] != "\\"):
                text = text[:at]
                break
    return text


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" if char else False


SENTENCE_BEFORE = 160  # characters looked back for the start of a sentence a known message fragment is in


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding text[at] starts, when a known fragment of a message starts mid-sentence
    ("异常信息：The request is missing a required parameter…", "your current request times equals to 7 in a
    second,which exceeds the frequency limit…"): back over words, digits, spaces and commas to a label's colon, a
    Chinese character or the line's start; `at` itself when anything else stands between (a log's timestamp)."""
    start = at
    while start > 0 and at - start < SENTENCE_BEFORE:
        ch = text[start - 1]
        if ch.isascii() and (ch.isalnum() or ch in " ,'-"):
            start -= 1
            continue
        if ch in "：\n\t" or _cjk(ch) or (ch == ":" and text[start : start + 1] == " "):
            break
        return at
    return start + (len(text[start:at]) - len(text[start:at].lstrip()))


def trim_message(text: str) -> str:
    """A message without what the paste put around it (see _trim); for infer.py's bare messages."""
    return _trim(text.strip())


def _trim(text: str) -> str:
    """A message without what the paste put around it: a stray backtick or quote, a trailing comma."""
    for _ in range(4):
        before = text
        text = text.strip().rstrip(",，")
        if text.endswith(("`。", "`.")) and text.count("`") % 2 == 1:  # "…disk`。": the quote closed the prose
            text = text[:-2]
        end = text[-1:]
        if end in PAIRS:
            opener = PAIRS[end]
            if (text.count(end) % 2 == 1) if opener == end else text.count(opener) < text.count(end):
                text = text[:-1]
        start = text[:1]
        if (start in SYMMETRIC and text.count(start) % 2 == 1) or (
            start in OPENERS and text.count(start) > text.count(OPENERS[start])
        ):
            text = text[1:]
        if text == before:
            break
    return text


def clean(text: str) -> str:
    """A message cut out of printed text: only the message (see _end_of_message, _trim), unescaped."""
    return _trim(_unescape(_end_of_message(text.strip())))[:MAX_MESSAGE]


def clean_json(text: str) -> str:
    """A message a JSON document held: exactly that string, unless it was escaped once more inside it."""
    text = text.strip()
    if "\\" in text and ("\\n" in text or "\\/" in text or '\\"' in text):
        text = text.replace("\\n", "\n").replace("\\/", "/").replace('\\"', '"')
    return text[:MAX_MESSAGE]


def status_of(code: str | None) -> int | None:
    """The HTTP status a reason phrase stands for, where an SDK put the phrase in place of a code."""
    return HTTP_REASONS.get(code.strip()) if code else None


PLACEHOLDERS = frozenset({"", "none", "null", "nil", "undefined", "[redacted]", "redacted", "<request-id>", "<requestid>"})


def _looks_like_id(value: str) -> bool:
    """A RequestId has a shape: a UUID (cut above), a long hex or base64 id (COS); xxx, ..., *** are placeholders."""
    if value.lower() in PLACEHOLDERS or len(value) < 8:
        return False
    if set(value) <= set("xX*.-_ "):
        return False
    digits = sum(ch.isdigit() for ch in value)
    letters = sum(ch.isalpha() for ch in value)
    # a COS RequestId is base64 of "64200a6c_362e2c0b_…": its letters may hold a single digit
    return (digits >= 2 or len(value) >= 20) and letters >= 2 and all(ch.isalnum() or ch in "+/=-_" for ch in value)


def request_id(value: str | None, message: str = "") -> str | None:
    """A RequestId as printed, or the one CAM puts inside the message; a UUID glued to more text is cut."""
    if value:
        value = value.strip().strip("'\"[]`。.,;，")
        uuid = UUID_AT_START.match(value)
        if uuid:  # "3469…7a3c7437]c7f5…": the UUID, not what the log glued to it
            return uuid.group(0)
        if _looks_like_id(value):
            return value
    inside = RID_IN_MESSAGE.search(message) if "request id:" in message else None
    return inside.group("rid") if inside else None


def request_id_in(message: str) -> str | None:
    """The RequestId CAM puts inside a message (`[[request id:…]`), if there is one."""
    return request_id(None, message)


def unglued(code: str, message: str) -> tuple[str, str]:
    """A code with its message glued on where a product wrote both in the code's field (SES:
    "FailedOperation.NotAuthenticatedSender.操作失败。…"): the code, and the rest as the message when there is none."""
    if code.isascii():
        return code, message
    at = next(i for i, ch in enumerate(code) if not ch.isascii())
    head = code[:at].rstrip(".:：,， ")
    if not head or not head[0].isalpha() or not all(ch.isalnum() or ch in "._" for ch in head):
        return code, message
    return head, message or code[at:].strip()
