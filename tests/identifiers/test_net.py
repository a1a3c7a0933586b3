import pytest

from fanzha.identifiers import IdentifierError, Url, parse_domain, parse_ip, parse_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("abc.com/x", Url("http://abc.com/x", "abc.com", "abc.com")),
        ("abc.com", Url("http://abc.com/", "abc.com", "abc.com")),
        ("//abc.com/x", Url("http://abc.com/x", "abc.com", "abc.com")),
        (
            "HTTPS://WWW.Example.COM/Path?Q=1#Frag",
            Url("https://www.example.com/Path?Q=1#Frag", "www.example.com", "example.com"),
        ),
        ("hxxp://evil[.]com/login", Url("http://evil.com/login", "evil.com", "evil.com")),
        ("hXXps[:]//pay(.)evil[dot]top/a", Url("https://pay.evil.top/a", "pay.evil.top", "evil.top")),
        (
            "www。icbc-vip。com/login",
            Url("http://www.icbc-vip.com/login", "www.icbc-vip.com", "icbc-vip.com"),
        ),
        ("ｗｗｗ．ａｂｃ．ｃｏｍ／ｘ", Url("http://www.abc.com/x", "www.abc.com", "abc.com")),
        ("  abc.com\u200b/x  ", Url("http://abc.com/x", "abc.com", "abc.com")),
        ("www.beijing.gov.cn/x", Url("http://www.beijing.gov.cn/x", "www.beijing.gov.cn", "beijing.gov.cn")),
        ("a.b.shop.com.cn", Url("http://a.b.shop.com.cn/", "a.b.shop.com.cn", "shop.com.cn")),
        ("pku.edu.cn", Url("http://pku.edu.cn/", "pku.edu.cn", "pku.edu.cn")),
        ("www.gov.cn", Url("http://www.gov.cn/", "www.gov.cn", "www.gov.cn")),
        (
            "例子.中国/路径",
            Url("http://xn--fsqu00a.xn--fiqs8s/路径", "xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"),
        ),
        ("http://BÜCHER.de", Url("http://xn--bcher-kva.de/", "xn--bcher-kva.de", "xn--bcher-kva.de")),
        ("http://abc.com.:80/", Url("http://abc.com/", "abc.com", "abc.com")),
        ("https://abc.com:443/", Url("https://abc.com/", "abc.com", "abc.com")),
        ("abc.com:8080/x", Url("http://abc.com:8080/x", "abc.com", "abc.com")),
        ("http://www.icbc.com.cn@evil.com/", Url("http://www.icbc.com.cn@evil.com/", "evil.com", "evil.com")),
        (
            "http://my_site.example.com/",
            Url("http://my_site.example.com/", "my_site.example.com", "example.com"),
        ),
        ("http://1.2.3.4/x", Url("http://1.2.3.4/x", "1.2.3.4", "1.2.3.4")),
        ("http://[2001:DB8::1]:8080/x", Url("http://[2001:db8::1]:8080/x", "2001:db8::1", "2001:db8::1")),
        ("ftp://files.example.org/a", Url("ftp://files.example.org/a", "files.example.org", "example.org")),
    ],
)
def test_parse_url_normalizes(raw, expected):
    assert parse_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "empty", "网址不能为空"),
        ("", "empty", "网址不能为空"),
        ("javascript:alert(1)", "bad_scheme", "不支持的网址协议：javascript"),
        ("mailto:a@b.com", "bad_scheme", "不支持的网址协议：mailto"),
        ("file:///etc/passwd", "bad_scheme", "网址协议不支持：file（只支持http、https、ftp）"),
        ("http://", "bad_url", "网址缺少域名或IP地址"),
        ("http://[::1/", "bad_url", "网址格式不对：无法解析主机部分"),
        ("localhost/x", "bad_domain", "域名不完整：缺少顶级域名（如 .com、.cn）"),
        ("a..com", "bad_domain", "域名含非法字符或某一段为空"),
        ("http://" + "a" * 64 + ".com", "bad_domain", "域名含非法字符或某一段为空"),
        ("-abc.com", "bad_domain", "域名格式不对：只能包含字母、数字和连字符"),
        ("abc.c0m", "bad_domain", "域名格式不对：只能包含字母、数字和连字符"),
        ("http://1.2.3.999/", "bad_domain", "域名格式不对：只能包含字母、数字和连字符"),
        ("http://abc.com:99999/", "bad_port", "网址端口号无效：应为0至65535"),
        ("abc.com/a b", "bad_char", "网址中间含有空格"),
        ("http://" + "a." * 4100 + "com", "too_long", "网址过长：8210个字符，最多8192个"),
    ],
)
def test_parse_url_rejects_with_a_specific_message(raw, code, message):
    with pytest.raises(IdentifierError) as caught:
        parse_url(raw)
    assert (caught.value.kind, caught.value.code, caught.value.message) == ("url", code, message)


@pytest.mark.parametrize(
    ("raw", "domain"),
    [
        ("Example.COM", "example.com"),
        ("example.com.", "example.com"),
        ("evil[.]com", "evil.com"),
        ("https://Sub.Evil.COM/x?y=1", "sub.evil.com"),
        ("例子。中国", "xn--fsqu00a.xn--fiqs8s"),
        ("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"),
        ("ｅｘａｍｐｌｅ．ｃｏｍ", "example.com"),
    ],
)
def test_parse_domain_returns_the_lowercase_idna_host(raw, domain):
    assert parse_domain(raw) == domain


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, "empty"),
        ("1.2.3.4", "is_ip"),
        ("[::1]", "is_ip"),
        ("com", "bad_domain"),
        ("ab$c.com", "bad_domain"),
    ],
)
def test_parse_domain_rejects(raw, code):
    with pytest.raises(IdentifierError) as caught:
        parse_domain(raw)
    assert (caught.value.kind, caught.value.code) == ("domain", code)


@pytest.mark.parametrize(
    ("raw", "ip"),
    [
        ("1.2.3.4", "1.2.3.4"),
        (" 1.2.3.4 ", "1.2.3.4"),
        ("1[.]2[.]3[.]4", "1.2.3.4"),
        ("１．２．３．４", "1.2.3.4"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("::1", "::1"),
        ("::ffff:1.2.3.4", "1.2.3.4"),
        ("fe80::1%eth0", "fe80::1%eth0"),
    ],
)
def test_parse_ip_returns_the_canonical_form(raw, ip):
    assert parse_ip(raw) == ip


@pytest.mark.parametrize(
    "raw", ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4:80", "abc", "1.2.3.4.5", "2001:db8:::1"]
)
def test_parse_ip_rejects_malformed_addresses(raw):
    with pytest.raises(IdentifierError) as caught:
        parse_ip(raw)
    assert (caught.value.kind, caught.value.code) == ("ip", "bad_ip")
    assert caught.value.message == "IP地址格式不对：应为IPv4（如1.2.3.4）或IPv6地址"
