"""URLs, domain names and IP addresses, including the defanged forms analysts paste."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import SplitResult, urlsplit, urlunsplit

from .errors import IdentifierError
from .text import require_text, strip_zero_width, to_halfwidth

_URL_MAX_LENGTH = 8192
_SCHEMES = frozenset({"http", "https", "ftp"})
_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
# Under .cn these second-level names are registries, so the owner sits one label deeper.
_CN_SECOND_LEVEL = frozenset({"com.cn", "gov.cn", "net.cn", "org.cn", "edu.cn"})

# Threat reports defang indicators so nobody clicks them: hxxp, [.], (dot), [:]. The
# ideographic full stops come from URLs typed on a Chinese keyboard.
_DEFANG_DOT_RE = re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|[\u3002\uff61]", re.IGNORECASE)
_DEFANG_COLON_RE = re.compile(r"\[:\]")
_HXXP_RE = re.compile(r"^h(?:xx|\*\*)p", re.IGNORECASE)
_SCHEME_RE = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# "mailto:x" or "javascript:x" -- a scheme without "//" that is not a host:port pair.
_OTHER_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.-]*):(?![0-9]+(?:[/?#]|$))", re.IGNORECASE)
_WHITESPACE_RE = re.compile(r"\s")

# Underscores are outside the hostname grammar but resolve and appear in real phishing hosts.
_LABEL_RE = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_TLD_RE = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_MAX_DOMAIN_LENGTH = 253


@dataclass(frozen=True, slots=True)
class Url:
    url: str  # scheme added, host lowercase and IDNA-encoded, empty path as "/"
    domain: str  # the host; an IP address when the URL points at one
    registered_domain: str

    def __str__(self) -> str:
        return self.url


class _Host(NamedTuple):
    name: str
    is_ip: bool


def parse_url(value: object) -> Url:
    """Normalize a URL from a text message, a report or a threat feed."""
    split = _split(_refang(value, "url", "网址", _URL_MAX_LENGTH), "url")
    scheme = split.scheme.lower()
    if scheme not in _SCHEMES:
        raise IdentifierError("url", "bad_scheme", f"网址协议不支持：{scheme}（只支持http、https、ftp）")
    host = _host(split, "url")
    url = urlunsplit((scheme, _netloc(split, host, scheme), split.path or "/", split.query, split.fragment))
    registered = host.name if host.is_ip else registered_domain(host.name)
    return Url(url, host.name, registered)


def parse_domain(value: object) -> str:
    """A bare domain (lowercase, IDNA); a pasted URL is accepted and reduced to its host."""
    host = _host(_split(_refang(value, "domain", "域名"), "domain"), "domain")
    if host.is_ip:
        raise IdentifierError("domain", "is_ip", "这是IP地址，不是域名")
    return host.name


def parse_ip(value: object) -> str:
    """An IPv4 or IPv6 address in its canonical text form."""
    text = _refang(value, "ip", "IP地址")
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise IdentifierError("ip", "bad_ip", "IP地址格式不对：应为IPv4（如1.2.3.4）或IPv6地址") from None
    # An IPv4-mapped IPv6 address is the same host; keep one spelling so lookups match.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(address)


def registered_domain(domain: str) -> str:
    """The part of a normalized domain its owner registered: last two labels, three under com.cn etc."""
    labels = domain.split(".")
    keep = 3 if len(labels) >= 3 and ".".join(labels[-2:]) in _CN_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def ascii_domain(host: str, kind: str, label: str = "域名") -> str:
    """Lowercase, IDNA-encode and check a host name; ``kind`` labels any error raised."""
    host = host.rstrip(".").lower()
    try:
        name = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise IdentifierError(kind, "bad_domain", f"{label}含非法字符或某一段为空") from None
    labels = name.split(".")
    if len(labels) < 2:
        raise IdentifierError(kind, "bad_domain", f"{label}不完整：缺少顶级域名（如 .com、.cn）")
    if len(name) > _MAX_DOMAIN_LENGTH:
        raise IdentifierError(kind, "bad_domain", f"{label}过长：{len(name)}个字符，最多253个")
    if not all(_LABEL_RE.fullmatch(part) for part in labels[:-1]) or not _TLD_RE.fullmatch(labels[-1]):
        raise IdentifierError(kind, "bad_domain", f"{label}格式不对：只能包含字母、数字和连字符")
    return name


def _refang(value: object, kind: str, label: str, max_length: int = 1024) -> str:
    text = strip_zero_width(to_halfwidth(require_text(value, kind, label, max_length))).strip()
    text = _DEFANG_COLON_RE.sub(":", _DEFANG_DOT_RE.sub(".", text))
    text = _HXXP_RE.sub("http", text)
    if _WHITESPACE_RE.search(text):
        raise IdentifierError(kind, "bad_char", f"{label}中间含有空格")
    return text


def _split(text: str, kind: str) -> SplitResult:
    if text.startswith("//"):
        text = "http:" + text
    elif not _SCHEME_RE.match(text):
        other = _OTHER_SCHEME_RE.match(text)
        if other:
            raise IdentifierError(kind, "bad_scheme", f"不支持的网址协议：{other.group(1).lower()}")
        text = "http://" + text
    try:
        return urlsplit(text)
    except ValueError:
        raise IdentifierError(kind, "bad_url", "网址格式不对：无法解析主机部分") from None


def _host(split: SplitResult, kind: str) -> _Host:
    # .hostname already drops user info ("www.icbc.com.cn@evil.com" is evil.com) and IPv6 brackets.
    hostname = split.hostname
    if not hostname:
        raise IdentifierError(kind, "bad_url", "网址缺少域名或IP地址")
    try:
        return _Host(str(ipaddress.ip_address(hostname)), True)
    except ValueError:
        return _Host(ascii_domain(hostname, kind), False)


def _netloc(split: SplitResult, host: _Host, scheme: str) -> str:
    try:
        port = split.port
    except ValueError:
        raise IdentifierError("url", "bad_port", "网址端口号无效：应为0至65535") from None
    netloc = f"[{host.name}]" if ":" in host.name else host.name
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    userinfo, at, _ = split.netloc.rpartition("@")
    return f"{userinfo}@{netloc}" if at else netloc
