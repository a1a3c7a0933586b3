"""Plausible, fictional Chinese personal data for demo generators (every value is synthetic)."""

from __future__ import annotations

import random

# Common surnames, roughly by frequency so that 王/李/张 dominate as in real populations.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
)
_WEIGHTS = [max(1.0, 12 - i * 0.25) for i in range(len(SURNAMES))]
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏辉"
    "婷雪梅琳晨宇浩然子轩欣怡思雨佳俊博文建国志红春海燕"
)
OCCUPATIONS = (
    "企业职员",
    "个体经营",
    "退休人员",
    "在校学生",
    "自由职业",
    "务农",
    "公职人员",
    "医务人员",
    "教师",
    "财会人员",
    "网约车司机",
    "快递员",
    "无业",
    "工人",
    "销售人员",
    "金融从业人员",
)
EDUCATION = ("小学", "初中", "高中/中专", "大专", "本科", "研究生")


def person_name(rng: random.Random) -> str:
    surname = rng.choices(SURNAMES, weights=_WEIGHTS)[0]
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return surname + given


def mobile_number(rng: random.Random) -> str:
    prefix = rng.choice(
        ("138", "139", "137", "150", "151", "158", "186", "185", "133", "153", "177", "199", "189")
    )
    return prefix + f"{rng.randrange(10**8):08d}"
