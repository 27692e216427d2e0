"""Secrets in command lines, connection strings, cookies and signed URLs: shapes that no "password" label announces.

Each rule is (keyword, offsets, pattern) for shapes.py's table, tried only where its keyword stands: group "v" is the
secret, group "l" (where present) its label. A command's password flag is looked for only after the command's own
name, among the next 32 words of its line (`mysql -h db -uroot -pPW`, `redis-cli -a PW`, `sshpass -p 'PW'`,
`docker login -p PW`, `curl -u user:PW`): `-p 8080` or `docker run -u 1000:1000` elsewhere is no password.
Connection strings: Go's `user:PW@tcp(host)/db`, Oracle's `scott/PW@host`, `redis://:PW@host`. Cookies: the values
of session cookies (skey, p_skey, qcloud_sess, sessionid, PHPSESSID), not of `uin` or `lang`. Signed URLs: a CDN's
`sign=` / `auth_key=`, a WeCom or Feishu robot webhook's key (a UUID there is a secret, not a RequestId).
"""

from __future__ import annotations

import re

MAX = 4096  # a value longer than this is cut there: its head is masked
# a value: quoted (to its closing quote) or bare (to a space or a quote)
_VALUE = rf"(?P<q>[\"'])?(?P<v>(?(q)[^\"'\n]{{1,{MAX}}}|[^\s\"'`]{{1,{MAX}}}))"
# the words of a command line between the command's name and the flag: each word taken whole (possessive), at
# most 32 of them, the flag tried first before each (lazy) — linear, bounded to the line
_WORDS = r"(?:[ \t]{1,8}[^\s]{1,256}+){0,32}?[ \t]{1,8}"

# (command names, the keywords that find them, the flag and how the value follows it)
_COMMANDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # mysql -pPW: the password glued to -p (-p alone prompts, and "-p db" names a database)
    (r"(?:mysql[a-z]{0,8}|mariadb[a-z-]{0,8})", ("mysql", "mariadb"), r"-p"),
    (r"redis-cli", ("redis-cli",), r"(?:-a|--pass)[ \t]{1,8}"),
    (r"sshpass", ("sshpass",), r"-p[ \t]{0,8}"),
    (
        r"(?:docker|podman|nerdctl|buildah|skopeo|helm[ \t]{1,8}registry)[ \t]{1,8}login",
        ("docker", "podman", "nerdctl", "buildah", "skopeo", "helm"),
        r"(?:-p|--password)(?:[ \t]{1,8}|=)",
    ),
    (r"mongo(?:sh|dump|restore|import|export|stat|top)?", ("mongo",), r"(?:-p|--password)(?:[ \t]{1,8}|=)"),
    (r"(?:sqlcmd|bcp|osql)", ("sqlcmd", "bcp", "osql"), r"-P[ \t]{0,8}"),
    # user:PW after curl's -u/--user/--proxy-user (glued or not, after other one-letter flags: -su), smbclient's
    # user%PW, lftp's user,PW
    (
        r"curl",
        ("curl",),
        r"(?:--(?:proxy-)?user(?:[ \t]{1,8}|=)|-[A-Za-z]{0,4}[uU][ \t]{0,8})[\"']?[^\s:\"'@]{0,128}:",
    ),
    (r"smbclient", ("smbclient",), r"(?:-U|--user)(?:[ \t]{1,8}|=)[\"']?[^\s%\"']{1,128}%"),
    (r"lftp", ("lftp",), r"-u[ \t]{1,8}[\"']?[^\s,\"']{1,128},"),
)

_BEFORE = r"(?<![A-Za-z0-9_-])"  # a command's name is a word of its own (not "my-mysql", not "xcurl")
_TOKEN_START = r"(?<![^\s\"'`=(,;])"  # the start of a word: a DSN "root:PW@tcp(…)" is found from its first letter
_ORACLE = r"(?:sqlplus|expdp|impdp|sqlldr|rman)"
# cookie names that hold a session: …skey (skey, p_skey, lskey), …sess (qcloud_sess), sessionid, PHPSESSID, JSESSIONID
# — lower or upper case as cookies are named (an API's "SessionId=" is an ID, not a cookie)
_SESSION = r"(?:(?<![a-z])sess(?:ion)?(?:_?id)?|SESS(?:ION)?(?:_?ID)?)"
_COOKIE_VALUE = rf"(?P<v>[^;\s\"',&<>]{{6,{MAX}}})"

RULES: tuple[tuple[str, tuple[int, ...], str], ...] = (
    *((keyword, (0,), rf"{_BEFORE}{names}{_WORDS}{flag}{_VALUE}") for names, keywords, flag in _COMMANDS for keyword in keywords),
    # Oracle: sqlplus scott/PW@host:1521/ORCL, sqlplus -s scott/PW, userid=scott/PW, jdbc:oracle:thin:scott/PW@host,
    # SQL*Plus "connect scott/PW@db"
    *(
        (
            keyword,
            (0,),
            rf"{_BEFORE}{_ORACLE}(?:[ \t]{{1,8}}-[A-Za-z]{{1,8}}){{0,3}}[ \t]{{1,8}}(?:(?i:userid|target)=)?[\"']?"
            rf"[A-Za-z][A-Za-z0-9_$#]{{0,127}}/(?P<v>[^\s@\"'/]{{1,256}})(?=[@\s\"']|$)",
        )
        for keyword in ("sqlplus", "expdp", "impdp", "sqlldr", "rman")
    ),
    ("thin:", (0,), r"thin:[A-Za-z][A-Za-z0-9_$#]{0,127}/(?P<v>[^\s@\"'/]{1,256})@"),
    ("connect", (0,), r"(?i:conn(?:ect)?)[ \t]{1,8}[A-Za-z][A-Za-z0-9_$#]{0,127}/(?P<v>[^\s@\"'/]{1,256})@[A-Za-z0-9]"),
    # Go's MySQL DSN user:PW@tcp(host:port)/db (also unix(…), udp(…)): tried from the start of the word before
    # the keyword, the nearest first (one try each: the start of a word is known by what stands before it)
    *(
        (
            keyword,
            tuple(range(1, 258)),
            rf"{_TOKEN_START}[^\s:@/\"'`]{{0,128}}:(?P<v>[^\s\"'`]{{1,256}}?){re.escape(keyword)}",
        )
        for keyword in ("@tcp(", "@unix(", "@udp(", "@tcp6(")
    ),
    # redis://:PW@host — a URL whose userinfo has no user
    ("://", (0,), r"://:(?P<v>[^/\s@]{1,256})@"),
    # cookies: Cookie: uin=o01; skey=@K…; p_skey=…, Set-Cookie: qcloud_sess=…; Path=/
    ("skey", (0,), rf"(?P<l>skey)={_COOKIE_VALUE}"),
    ("sess", (0,), rf"(?P<l>{_SESSION})={_COOKIE_VALUE}"),
    # a CDN's signed URL: ?sign=<timestamp>-<rand>-<uid>-<md5> (type A), ?sign=<md5>&t=… (type D), auth_key=…
    ("sign=", (0,), rf"(?<![A-Za-z0-9])(?i:sign)=(?P<v>[A-Za-z0-9%_-]{{8,{MAX}}})"),
    ("auth_key=", (0,), rf"(?<![A-Za-z0-9])(?i:auth_key)=(?P<v>[A-Za-z0-9%_-]{{8,{MAX}}})"),
    # robot webhooks: WeCom …/cgi-bin/webhook/send?key=<uuid>, Feishu/Lark …/bot/v2/hook/<uuid>
    ("webhook", (0,), rf"webhook[^\s?#\"']{{0,128}}\?(?:[^\s&#\"']{{0,256}}+&){{0,8}}key=(?P<v>[^\s&#\"']{{8,{MAX}}})"),
    ("/hook/", (0,), rf"/bot/v2/hook/(?P<v>[A-Za-z0-9-]{{8,{MAX}}})"),
)
