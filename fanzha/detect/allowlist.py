"""The official numbers and domains shipped as the default allow-list.

Numbers are public service lines: police (110), the national anti-fraud hotline (96110), the
ministry's fraud-report line (12381 is the MIIT anti-fraud SMS warning number), bank customer
service lines (95xxx) and carriers' lines. Domains: government (.gov.cn suffix is allowed
separately) and the major banks' official sites.
"""

from __future__ import annotations

OFFICIAL_NUMBERS: tuple[tuple[str, str], ...] = (
    ("110", "报警电话"),
    ("96110", "反诈预警劝阻专线"),
    ("12381", "涉诈预警短信号"),
    ("12321", "网络不良与垃圾信息举报"),
    ("12345", "政务服务便民热线"),
    ("95588", "工商银行客服"),
    ("95599", "农业银行客服"),
    ("95566", "中国银行客服"),
    ("95533", "建设银行客服"),
    ("95559", "交通银行客服"),
    ("95580", "邮储银行客服"),
    ("95555", "招商银行客服"),
    ("95528", "浦发银行客服"),
    ("95558", "中信银行客服"),
    ("95595", "光大银行客服"),
    ("95568", "民生银行客服"),
    ("95561", "兴业银行客服"),
    ("95511", "平安银行客服"),
    ("95577", "华夏银行客服"),
    ("95508", "广发银行客服"),
    ("10086", "中国移动客服"),
    ("10010", "中国联通客服"),
    ("10000", "中国电信客服"),
    ("10099", "中国广电客服"),
)

OFFICIAL_DOMAINS: tuple[tuple[str, str], ...] = (
    ("icbc.com.cn", "工商银行"),
    ("abchina.com", "农业银行"),
    ("boc.cn", "中国银行"),
    ("ccb.com", "建设银行"),
    ("bankcomm.com", "交通银行"),
    ("psbc.com", "邮储银行"),
    ("cmbchina.com", "招商银行"),
    ("alipay.com", "支付宝"),
    ("tenpay.com", "财付通"),
    ("12306.cn", "铁路12306"),
    ("mps.gov.cn", "公安部"),
)

ALLOWED_SUFFIXES = (".gov.cn",)
