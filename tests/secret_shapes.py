"""Every shape a secret was seen in (issue #10 and before): (name, text, secret values that must never be shown).

Values are made up; the shapes are copied from SDK, tccli, Terraform, kubectl, Docker and HTTP output.
"""

from __future__ import annotations

import json
from urllib.parse import quote

KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"  # 32 characters, like a SecretKey
AKID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"  # 36 characters, like a SecretId
TOKEN = "tokn" + "Zq9" * 1400  # > 4,096 characters, like a long STS token
LONG_AKID = "AKID" + "Lq7x" * 20  # > 68 characters
SK = "Tw9nGqkLfmBNrXK8arHnbYDMVsgepuQz"  # 32 characters, digits in few places: no shape rule masks it, only its label
SK2 = "Hp3rWmcYtqLxvJbnKeSAfgzDuPoMiNa"  # another such key
PW = "Lk7PQv!If_eGdjYi"  # a 16-character password


def _entities(value: str) -> str:
    return "".join(f"&#{ord(c)};" for c in value)


def _nested(document: object, levels: int) -> str:
    """document as JSON inside a JSON string, levels times over"""
    text = json.dumps(document)
    for _ in range(levels):
        text = json.dumps({"payload": text})
    return text


def _codes(value: str, sep: str) -> str:
    return sep.join(str(b) for b in value.encode())


SHAPES: list[tuple[str, str, list[str]]] = [
    # the ones tested before issue #10
    (
        "TC3 Authorization header",
        f"Authorization: TC3-HMAC-SHA256 Credential={AKID}/2025-11-02/organization/tc3_request, "
        "SignedHeaders=content-type;host, Signature=c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c",
        [AKID, "c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c"],
    ),
    ("env SecretKey", f"TENCENTCLOUD_SECRET_KEY={KEY}", [KEY]),
    (
        "JSON SecretId, SecretKey and Token",
        '{"SecretId": "AKIDabcdefgh1234abcd", "SecretKey": "kkkkSECRETkkkk1234", "Token": "tttTOKENttt123456789"}',
        ["AKIDabcdefgh1234abcd", "kkkkSECRETkkkk1234", "tttTOKENttt123456789"],
    ),
    (
        "tccli argv in its log",
        "[INFO] tccli organization DescribeOrganization --secretId AKIDqwertyuiop123456 --secretKey zxcvbnmZXCVBNM123456",
        ["AKIDqwertyuiop123456", "zxcvbnmZXCVBNM123456"],
    ),
    ("query string password", "GET https://example.com/login?user=ops&password=hunter2hunter2&next=/", ["hunter2hunter2"]),
    ("URL credentials", "proxy https://ops:pa55w0rdpa55@proxy.corp:3128", ["pa55w0rdpa55"]),
    ("session token header", "X-TC-Token: sessTOKEN0123456789abcdef", ["sessTOKEN0123456789abcdef"]),
    (
        "curl signature",
        "curl 'https://cvm.api.qcloud.com/v2/index.php?Action=X&Signature=Zm9vYmFyYmF6cXV4&Nonce=1'",
        ["Zm9vYmFyYmF6cXV4"],
    ),
    # escapes that hid a secret from a pass over the raw text
    ("escaped JSON in a log line", f'INFO request body: {{\\"SecretKey\\":\\"{KEY}\\",\\"Region\\":\\"ap-guangzhou\\"}}', [KEY]),
    (
        "Docker json-file line",
        f'{{"log":"credentials {{\\"SecretId\\":\\"{AKID}\\",\\"SecretKey\\":\\"{KEY}\\"}}\\n","stream":"stdout",'
        '"time":"2025-11-02T10:00:00.000000000Z"}',
        [AKID, KEY],
    ),
    ("unicode-escaped AKID", '{"Message": "bad key \\u0041KIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"}', [AKID]),
    ("escaped slashes in URL credentials", '{"proxy":"https:\\/\\/ops:Pr0xyPassw0rd@proxy.corp:3128"}', ["Pr0xyPassw0rd"]),
    (
        "env line inside an API Message",
        '{"Response":{"Error":{"Code":"InvalidParameter","Message":"check your env:\\nTENCENTCLOUD_SECRET_KEY='
        + KEY
        + '\\n"},"RequestId":"r-2"}}',
        [KEY],
    ),
    # labels the patterns missed
    (
        "STS TmpSecretKey",
        f'{{"Credentials": {{"TmpSecretId": "{AKID}", "TmpSecretKey": "{KEY}", "Token": "stsTOKEN9f8e7d6c5b4a"}}}}',
        [AKID, KEY, "stsTOKEN9f8e7d6c5b4a"],
    ),
    ("TF_VAR_secret_key", f"export TF_VAR_secret_key={KEY}", [KEY]),
    ("QCLOUD_SECRET_KEY", f"QCLOUD_SECRET_KEY={KEY}", [KEY]),
    ("TENCENT_SECRET_KEY", f"TENCENT_SECRET_KEY='{KEY}'", [KEY]),
    (
        "terraform fmt aligned",
        f'provider "tencentcloud" {{\n  region     = "ap-guangzhou"\n  secret_key     = "{KEY}"\n}}',
        [KEY],
    ),
    (
        "kubectl describe env",
        f"    Environment:\n      TENCENTCLOUD_SECRET_ID:   {AKID}\n      TENCENTCLOUD_SECRET_KEY:  {KEY}\n",
        [AKID, KEY],
    ),
    ("tccli configure set", f"$ tccli configure set secretId {AKID} secretKey {KEY} region ap-guangzhou", [AKID, KEY]),
    ("tccli configure prompt", f"secretId [****MPLE]: {AKID}\nsecretKey [****]: {KEY}\nregion [ap-guangzhou]:", [AKID, KEY]),
    ("tccli --secretKey quoted", f'tccli cam ListUsers --secretId "{AKID}" --secretKey "{KEY}"', [AKID, KEY]),
    ("tccli --secretKey two spaces", f"tccli cam ListUsers --secretKey  {KEY}", [KEY]),
    ("argv as a Python list", f"argv=['tccli', 'organization', 'DescribeOrganization', '--secretKey', '{KEY}']", [KEY]),
    (
        "Go header map",
        f"headers: map[Content-Type:[application/json] X-Tc-Action:[DescribeOrganization] X-Tc-Token:[{TOKEN[:80]}]]",
        [TOKEN[:80]],
    ),
    ("PHP array", f"$cred = array('secretId' => '{AKID}', 'secretKey' => '{KEY}');", [AKID, KEY]),
    ("XML", f"<Credentials><SecretId>{AKID}</SecretId><SecretKey>{KEY}</SecretKey></Credentials>", [AKID, KEY]),
    (
        "Authorization Bearer",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlMTIz",
        ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlMTIz"],
    ),
    ("Authorization Basic", "Authorization: Basic b3BzOmh1bnRlcjJodW50ZXIy", ["b3BzOmh1bnRlcjJodW50ZXIy"]),
    (
        "Kubernetes env name/value",
        f"        env:\n        - name: TENCENTCLOUD_SECRET_KEY\n          value: {KEY}\n"
        "        - name: REGION\n          value: ap-guangzhou",
        [KEY],
    ),
    (
        "TC3 Signature on the next line",
        f"Authorization: TC3-HMAC-SHA256 Credential={AKID}/2025-11-02/organization/tc3_request,\n"
        "    SignedHeaders=content-type;host, Signature=\n    2fd7a3e1b9c84d5f6a0e1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6",
        [AKID, "2fd7a3e1b9c84d5f6a0e1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"],
    ),
    ("URL-encoded JSON", "POST /login?payload=" + quote(f'{{"secretId":"{AKID}","secretKey":"{KEY}"}}', safe=""), [AKID, KEY]),
    ("key split over two lines (JSON)", f'{{\n  "SecretKey": "{KEY[:17]}\n    {KEY[17:]}"\n}}', [KEY[:17], KEY[17:]]),
    ("key split over two lines (env)", f"SecretKey={KEY[:14]}\n{KEY[14:]}\n", [KEY[:14], KEY[14:]]),
    ("password with spaces", 'mysql --host db password: "correct horse battery staple"', ["correct horse battery staple"]),
    ("password with spaces, unquoted", "ftp login ok, Password: my secret pass phrase", ["my secret pass phrase"]),
    ("password after ;", "Server=db.internal;Uid=sa;Pwd=Tr0ub4dor;Database=app", ["Tr0ub4dor"]),
    ("password of 3 characters", "login user=ops pwd=x9z", ["x9z"]),
    ("unlabelled key after an AKID (Credential call)", f'cred = credential.Credential("{AKID}", "{KEY}")', [AKID, KEY]),
    ("unlabelled key after an AKID (CSV row)", f"user,secret_id,created\nops,{AKID},{KEY},2025-11-02\n", [AKID, KEY]),
    ("token longer than 4,096 characters", f'{{"Token": "{TOKEN}"}}', [TOKEN, TOKEN[-60:]]),
    ("SecretId longer than 68 characters", f"secretId={LONG_AKID}", [LONG_AKID, LONG_AKID[-20:]]),
    # issue #24: labels in Chinese, full-width separators, other spaces, prose, the value before its label
    ("Chinese password label, full-width colon", "数据库密码：hunter2-staple", ["hunter2-staple"]),
    ("Chinese key label, full-width equals", "密钥＝q8Rtq1zLm0Xw", ["q8Rtq1zLm0Xw"]),
    ("Chinese token label with 为", "临时令牌为 tmpTok9qZ3xL0p2", ["tmpTok9qZ3xL0p2"]),
    ("full-width equals after SecretKey", f"SecretKey＝{KEY}", [KEY]),
    ("ideographic spaces around =", "secret_key\u3000=\u3000r7Yq2LmZ0pXc", ["r7Yq2LmZ0pXc"]),
    ("NBSP after the colon", "password:\u00a0wq9-Staple-33", ["wq9-Staple-33"]),
    ("password in prose", "fyi my password is hunter2-staple, use it", ["hunter2-staple"]),
    ("value before its label", "zq7-Horse-Battery is my password", ["zq7-Horse-Battery"]),
    ("value before a Chinese label", "k9Vw2XbT0qLm是我的密钥", ["k9Vw2XbT0qLm"]),
    ("value alone on the next line", "SecretKey:\n    q8Rtq1zLmxxabcdeHJK\n", ["q8Rtq1zLmxxabcdeHJK"]),
    ("YAML block scalar", "tencentcloud:\n  secret_key: |\n    Lp0qRt5vWx9zAb3c\n", ["Lp0qRt5vWx9zAb3c"]),
    ("HCL heredoc", 'secret_key = <<EOT\nHq3Zt8Lm1Vb6Xw2N\nEOT\nregion = "ap-guangzhou"', ["Hq3Zt8Lm1Vb6Xw2N"]),
    ("TOML multi-line string", 'password = """\nmulti-Line-pass9\n"""', ["multi-Line-pass9"]),
    ("XML CDATA", "<SecretKey><![CDATA[Cd4t4Sec9Rt7Xq1W]]></SecretKey>", ["Cd4t4Sec9Rt7Xq1W"]),
    ("password on the next line", "mysql login\npassword:\n  next-Line-pw42\n", ["next-Line-pw42"]),
    ("value on the line above its label", "Hq3Zt8Lm1Vb6Xw2N-9\n^^^ that is my SecretKey\n", ["Hq3Zt8Lm1Vb6Xw2N-9"]),
    ("a Chinese label, two blank lines, the value", "密钥：\n\n\nq8Rtq1zLm0NwXbT7\n", ["q8Rtq1zLm0NwXbT7"]),
    ("NULs around the separator", "secret_key\0=\0Lp0qRt5vWx9zAb3c7\nnext", ["Lp0qRt5vWx9zAb3c7"]),
    (
        "a key pair's short names",
        "ak=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE, sk=kUVyramfcnfe5RePyYlwxPqw2rRhxnVH",
        ["kUVyramfcnfe5RePyYlwxPqw2rRhxnVH"],
    ),
    # language dumps and encodings of issue #24
    ("HTML entities", "&lt;SecretKey&gt;Ht5mlEnt1tyKey0Q&lt;/SecretKey&gt;", ["Ht5mlEnt1tyKey0Q"]),
    ("HTML numeric entity", "secret_key&#61;Num3r1cEnt1ty0Qz", ["Num3r1cEnt1ty0Qz"]),
    ("double URL-encoding", "GET /cb?q=secret_key%253DTw1ce3nc0dedQz9", ["Tw1ce3nc0dedQz9"]),
    ("PHP var_dump", '["secret_key"]=>\n  string(16) "Var5dumpSecr3tQz"', ["Var5dumpSecr3tQz"]),
    ("PHP print_r", "Array\n(\n    [secret_key] => Pr1ntRsecr3tQzX\n)", ["Pr1ntRsecr3tQzX"]),
    ("Scala map", "Map(region -> ap-guangzhou, secretKey -> Sc4laMapS3cret9)", ["Sc4laMapS3cret9"]),
    ("Erlang binaries", '#{<<"secret_key">> => <<"Erl4ngB1nary0Qz">>}', ["Erl4ngB1nary0Qz"]),
    ("Go []byte", 'SecretKey: []byte("G0byteSl1ceKey9")', ["G0byteSl1ceKey9"]),
    ("Python 2 u'' repr", "{u'SecretKey': u'Py2un1codeRepr9'}", ["Py2un1codeRepr9"]),
    # hostile set 4 (issue #24): odd spaces and invisible characters, file formats and dumps, values after a space, encodings,
    # Chinese labels
    ("NBSP inside the label", f"message:secret\u00a0key = {SK} requestId:r-9", [SK]),
    ("ideographic space alone between label and value", f"SecretKey\u3000{SK}", [SK]),
    ("zero-width space inside the label", f"pass\u200bword={PW}", [PW]),
    ("soft hyphen inside the label", f"pass\u00adword: {PW}", [PW]),
    ("full-width label and colon", f"ｐａｓｓｗｏｒｄ：{PW}", [PW]),
    ("CR-only line ends, value on the next line", f"SecretKey:\r{SK}\rdone\r", [SK]),
    ("TAB alone between label and value", f"SecretKey\t{SK}", [SK]),
    (
        "key wrapped by a terminal",
        f"2024-06-07 10:21:33,123 ERROR deploy.py:88 config secret_key={SK[:14]}\n{SK[14:]} region=ap-guangzhou",
        [SK[:14], SK[14:]],
    ),
    ("YAML anchor", f"secret_key: &sk {SK}\nprod:\n  key: *sk", [SK]),
    ("YAML list under a label", f"secret_keys:\n  - {SK}\n  - {SK2}\n", [SK, SK2]),
    ("Terraform variable default, indented heredoc", f'variable "secret_key" {{\n  default = <<-EOT\n    {SK}\n  EOT\n}}', [SK]),
    ("XML attribute names the key", f'<entry key="db.password">{PW}</entry>', [PW]),
    ("XML attribute value", f'<add key="SecretKey" value="{SK}"/>', [SK]),
    ("Rust pretty Debug", f'Config {{\n    secret_key: Some(\n        "{SK}",\n    ),\n}}', [SK]),
    ("PHP serialize", f'a:1:{{s:9:"secretKey";s:32:"{SK}";}}', [SK]),
    ("Lua table", f'cfg = {{ ["SecretKey"] = "{SK}" }}', [SK]),
    ("Dockerfile ENV with a space", f"ENV TENCENTCLOUD_SECRET_KEY {SK}", [SK]),
    ("directive: label, space, value;", f"    secret_key {SK};", [SK]),
    ("JSON array pair", f'[["SecretId", "AKIDMtx3VvEs4p9Z8vuddHRB6HqTfQIJczK1"], ["SecretKey", "{SK}"]]', [SK]),
    ("JSON escaped five levels deep", _nested({"SecretKey": SK}, 5), [SK]),
    (".netrc", f"machine cvm.tencentcloudapi.com login ops password {PW}", [PW]),
    ("env -0 records", f"PATH=/usr/bin\0TENCENTCLOUD_SECRET_KEY={SK}\0HOME=/root\0 bad {SK}", [SK]),
    ("value as numeric HTML entities", f"secret_key={_entities(SK)}", [SK, _entities(SK)[:40]]),
    ("Go %v of a []byte", f"dsn config {{User:root Password:[{_codes(PW, ' ')}]}}", [PW, _codes(PW, " ")[:24]]),
    ("Go %x of a password", f"password(hex)={PW.encode().hex()}", [PW, PW.encode().hex()]),
    ("Erlang byte list", f"{{password, <<{_codes(PW, ',')}>>}}", [PW, _codes(PW, ",")[:24]]),
    ("quoted-printable with a soft line break", f"secret_key=3D{SK[:20]}=\n{SK[20:]}\nbad {SK}", [SK, SK[:20]]),
    ("invalid byte inside a value", f"secret_key={SK[:16]}\ufffd{SK[16:]} bad {SK[:16]}", [SK[:16], SK[16:]]),
    ("Chinese label, a space only", f"秘钥 {PW}，请检查", [PW]),
    ("Chinese note in brackets before ＝", f"SecretKey（密钥）＝{PW}，请检查", [PW]),
    ("Chinese JSON key", f'{{"用户名": "root", "密码": "{PW}"}}', [PW]),
    # issue #24: command lines, connection strings, cookies, signed URLs (redact/commands.py)
    (
        "console session cookies",
        "Cookie: uin=o0100000000001; skey=@KAGYX5X8Y; p_skey=f-J00UVstnF-6nvU8URqAF3691nNLQ2j; lang=zh",
        ["@KAGYX5X8Y", "f-J00UVstnF-6nvU8URqAF3691nNLQ2j"],
    ),
    (
        "Set-Cookie session",
        "< Set-Cookie: qcloud_sess=OYb3Yg6APZg225uX3NUF0RSrW_h2brn9; Path=/; HttpOnly",
        ["OYb3Yg6APZg225uX3NUF0RSrW_h2brn9"],
    ),
    ("curl -u user:password", "+ curl -s -u admin:PlW^#GxeT%4FFK^a https://cos.ap-guangzhou.myqcloud.com/", ["PlW^#GxeT%4FFK^a"]),
    ("mysql -p glued", "+ mysql -h 10.0.0.8 -uroot -p!Ti459pwJLz!sPTZ -e 'select 1'", ["!Ti459pwJLz!sPTZ"]),
    ("redis-cli -a", "+ redis-cli -h 10.0.0.9 -a pH-8R8Ya*toONiHs ping", ["pH-8R8Ya*toONiHs"]),
    ("docker login -p", "docker login ccr.ccs.tencentyun.com -u 100000000001 -p Dk9-login-Pw7x", ["Dk9-login-Pw7x"]),
    ("sshpass -p quoted", "sshpass -p 'uJNdIn8KQQ-BybR5' ssh root@10.0.0.3", ["uJNdIn8KQQ-BybR5"]),
    ("Go MySQL DSN", "dial root:X4IFL3bm#5Ddqaf-@tcp(10.0.0.8:3306)/orders?charset=utf8mb4", ["X4IFL3bm#5Ddqaf-"]),
    ("Oracle EZConnect", "sqlplus scott/fu!ia_vRyJ5LY8*V@10.0.0.8:1521/ORCL", ["fu!ia_vRyJ5LY8*V"]),
    ("URL password without a user", "connect redis://:A2D!S5Xc9viODYJ#@10.0.0.9:6379/0", ["A2D!S5Xc9viODYJ#"]),
    (
        "CDN signed URL",
        "GET https://cdn.example.com/a.mp4?sign=1717740000-sCZ71gd-0-2f1f68cc6e7099372521bf74a9a20005",
        ["2f1f68cc6e7099372521bf74a9a20005"],
    ),
    (
        "WeCom robot webhook key",
        "POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1f825962-aa47-4c49-882e-afae3f201619",
        ["1f825962-aa47-4c49-882e-afae3f201619"],
    ),
    (
        "Basic credential echoed decoded",
        "Proxy-Authorization: Basic cHJveHl1c2VyOnZnIXhSI2J4MEFvSjJlRDA=\nproxy rejected proxyuser:vg!xR#bx0AoJ2eD0",
        ["vg!xR#bx0AoJ2eD0", "cHJveHl1c2VyOnZnIXhSI2J4MEFvSjJlRDA="],
    ),
    # issue #24: other labels and other layouts of a label (redact/layouts.py)
    ("accessKey label", "cos.accessKey=kHjKrwy9wJegk9epEugDbkywMrdYsilH", ["kHjKrwy9wJegk9epEugDbkywMrdYsilH"]),
    (
        "signing, HMAC and encryption keys",
        "signingKey: wYOz5XWzf0fusrmRxRwx\nhmac_key: xCmoryV1IOBdWnNE8uSB\nencryption_key: wzKJHHljwzYsHVWR9IzY",
        ["wYOz5XWzf0fusrmRxRwx", "xCmoryV1IOBdWnNE8uSB", "wzKJHHljwzYsHVWR9IzY"],
    ),
    (
        "SCF environment Key/Value",
        '{"Variables": [{"Key": "TENCENTCLOUD_SECRETKEY", "Value": "sHoGgBxtrCthLIylrxksK7EkHWTWpDRc"}]}',
        ["sHoGgBxtrCthLIylrxksK7EkHWTWpDRc"],
    ),
    ("YAML Name/Value pair", "env:\n  - Name: DB_PASSWORD\n    Value: yaml-Pair-pw9", ["yaml-Pair-pw9"]),
    (
        "value after a blank line",
        "Enter your SecretKey:\n\nMNNIcAzcnHOLuI8HSKacswXGysanebST\n",
        ["MNNIcAzcnHOLuI8HSKacswXGysanebST"],
    ),
    (
        "header folded by curl -v",
        "> X-TC-Token:\n>\tFP81GbkeP-jx-e9q_EU41ncvRQ5MnjYoOz7i5W\n",
        ["FP81GbkeP-jx-e9q_EU41ncvRQ5MnjYoOz7i5W"],
    ),
    (
        "value in brackets",
        "SecretKey (EbrcITPiFcY0HdebCmFb) or SecretKey[Qz8rITPiFcY0HdebCmFb]",
        ["EbrcITPiFcY0HdebCmFb", "Qz8rITPiFcY0HdebCmFb"],
    ),
    ("words between label and value", "SecretKey for sub-account 100000000001 is JWpqnvBWDgWEB3GATxUq", ["JWpqnvBWDgWEB3GATxUq"]),
    ("value before its parameter", "The value 'hpp7osoTZWCdbXqC' of parameter Password is invalid.", ["hpp7osoTZWCdbXqC"]),
    ("token in prose", "token FP81GbkeP-jx-e9q_EU41ncvRQ5MnjYoOz7i5WMe invalid", ["FP81GbkeP-jx-e9q_EU41ncvRQ5MnjYoOz7i5WMe"]),
    (
        "SecretKey after AKID and a slash",
        f"credential {AKID}/6XOWAfIfZHKFaMddzO8gDktubOifSwWA rejected",
        [AKID, "6XOWAfIfZHKFaMddzO8gDktubOifSwWA"],
    ),
    (
        "CSV column under a labelled header",
        "name,secret_key,region\nprod,JainQtWJ5BMEVfWadkhZPOQqY7TvysLi,ap-shanghai\n",
        ["JainQtWJ5BMEVfWadkhZPOQqY7TvysLi"],
    ),
    ("password with quotes and backslashes", "password=a\"b\\c'd`e$(f)Yp!s9A5J rejected", ["a\"b\\c'd`e$(f)Yp!s9A5J"]),
    ("password of punctuation", 'password=":" rejected', ['":"']),
]
