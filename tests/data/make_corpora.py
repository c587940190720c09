#!/usr/bin/env python3
"""Makes tests/data/id_numbers.tsv and tests/data/phone_numbers.tsv, once, with independent
validators; the vectors are committed and tests/corpora.rs checks kaowu against them. Nothing
here runs in CI. Run: python3 -m venv /tmp/v && /tmp/v/bin/pip install python-stdnum==2.2
phonenumbers==9.0.43 && /tmp/v/bin/python tests/data/make_corpora.py

ID numbers: the expected verdict follows GB 11643-1999 (18 characters: a GB/T 2260 region
code, the birth date YYYYMMDD, a 3-digit sequence, the ISO 7064 MOD 11-2 check character) with
the region list of python-stdnum's stdnum/cn/loc.dat (every code that exists or existed), plus
kaowu's one rule beyond the standard: a candidate is 14 to 70 on the exam day (2021-12-11).
Every number expected valid is also accepted by stdnum.cn.ric.validate, and every number
stdnum refuses for its check character, date or region is expected to fail for the same reason.

Phone numbers: the expected verdict is libphonenumber's (phonenumbers.parse(text, "CN"), valid
and of type MOBILE), and the stored form its national number.
"""
import datetime
import glob
import random

import phonenumbers
from phonenumbers import PhoneNumberType
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

random.seed(20261202)
EXAM = datetime.date(2021, 12, 11)

loc = glob.glob(ric.__file__.replace('ric.py', 'loc.dat'))[0]
codes, current, prov = set(), [], None
for line in open(loc, encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    if not line.startswith(' '):
        prov = line.split()[0]
        continue
    code = prov + line.split()[0]
    if prov in ('71', '81', '82', '83'):
        continue
    codes.add(code)
    name = line.split('county="', 1)[1]
    # A code without a year range still exists: stdnum accepts it for any birth year.
    if not name.startswith('[') and not code.endswith('00'):
        current.append(code)
# Abolished codes with the year they were abolished, for births before it.
abolished = []
prov = None
for line in open(loc, encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    if not line.startswith(' '):
        prov = line.split()[0]
        continue
    name = line.split('county="', 1)[1]
    if name.startswith('[-') and prov not in ('71', '81', '82', '83'):
        end = int(name[2:6])
        if 1960 < end:
            abolished.append((prov + line.split()[0], end))


def check(first17):
    return ric.calc_check_digit(first17 + '0')


def age(b):
    return EXAM.year - b.year - ((EXAM.month, EXAM.day) < (b.month, b.day))


def birth(lo=1955, hi=2006):
    while True:
        d = datetime.date(random.randint(lo, hi), random.randint(1, 12), random.randint(1, 28))
        if 14 <= age(d) <= 70:
            return d


rows = []


def add(number, expected, note, stdnum_agrees=True):
    if stdnum_agrees:
        try:
            ric.validate(number)
            ok = True
        # stdnum 2.2 raises KeyError (not a ValidationError) for a region whose province
        # exists but whose county does not, such as 111111: a refusal all the same.
        except (ValidationError, KeyError):
            ok = False
        assert ok == (expected in ('ok', 'id_age')), (number, expected, note)
    rows.append((number, expected, note))


def seq():
    return '%03d' % random.randint(1, 999)


# Valid numbers: current county codes across the country, men and women, X check characters.
for code in random.sample(current, 170):
    f = code + birth().strftime('%Y%m%d') + seq()
    add(f + check(f), 'ok', 'current county code')
xs = 0
while xs < 15:
    f = random.choice(current) + birth().strftime('%Y%m%d') + seq()
    if check(f) == 'X':
        add(f + 'X', 'ok', 'check character X')
        add(f + 'x', 'ok', 'lower-case x', stdnum_agrees=False)
        xs += 1
# Abolished codes keep their numbers valid (born before the code was abolished).
for code, end in random.sample(abolished, 25):
    d = birth(1955, min(end - 1, 2006))
    f = code + d.strftime('%Y%m%d') + seq()
    add(f + check(f), 'ok', 'abolished code, abolished %d' % end)
# A wrong check character.
for _ in range(40):
    f = random.choice(current) + birth().strftime('%Y%m%d') + seq()
    right = check(f)
    wrong = random.choice([c for c in '0123456789X' if c != right])
    add(f + wrong, 'id_checksum', 'check character should be ' + right)
# Regions that never existed, with a correct check character.
invented = ['111111', '123456', '000000', '999999', '110199', '330199', '449999']
while len(invented) < 30:
    c = '%06d' % random.randint(100000, 659999)
    if c not in codes:
        invented.append(c)
for code in invented:
    assert code not in codes
    f = code + birth().strftime('%Y%m%d') + seq()
    add(f + check(f), 'id_region', 'no such GB/T 2260 code')
# Birth dates that are no date, or after the exam.
for d in ['20030230', '19991301', '20020431', '20010229', '19990000', '20051232', '19000229',
          '20030631', '19850931', '20071100']:
    f = random.choice(current) + d + seq()
    add(f + check(f), 'id_birth_date', 'birth date ' + d)
# Real dates after the exam day: stdnum has no exam day to judge them by.
for d in ['20211212', '20220101', '20301212', '21000101']:
    f = random.choice(current) + d + seq()
    add(f + check(f), 'id_birth_date', 'born after the exam, ' + d, stdnum_agrees=False)
# Real dates, outside 14-70 on the exam day (kaowu's rule, not the standard's).
for d in ['19490101', '19501210', '20080101', '20100505', '19300101', '20151212']:
    f = random.choice(current) + d + seq()
    add(f + check(f), 'id_age', 'age on 2021-12-11')
# Wrong lengths: 17 and 19 characters, and the 15-digit first-generation number.
for _ in range(6):
    f = random.choice(current) + birth().strftime('%Y%m%d') + seq()
    n = f + check(f)
    add(n[:17], 'id_length', '17 characters')
    # An X anywhere but last is a character no number holds.
    add(n + '1', 'id_chars,id_length' if n.endswith('X') else 'id_length', '19 characters')
    add(n[:6] + n[8:17], 'id_length', '15-digit first-generation number')
# Characters that cannot appear.
for bad in ['A', 'O', '-', '*', 'Z']:
    f = random.choice(current) + birth().strftime('%Y%m%d') + seq()
    n = f + check(f)
    i = random.randint(0, 16)
    add(n[:i] + bad + n[i + 1:], 'id_chars', 'a %r in the digits' % bad)
# Hong Kong, Macao, Taiwan residence permits and foreigners' permanent residence IDs typed
# as 居民身份证: the region is wrong for the type.
for prefix in ['810000', '820000', '830000', '931560', '944020']:
    f = prefix + birth().strftime('%Y%m%d') + seq()
    add(f + check(f), 'id_region', 'another document\'s number', stdnum_agrees=False)
# Two things wrong at once: every one is reported.
for code in invented[:5]:
    f = code + birth().strftime('%Y%m%d') + seq()
    right = check(f)
    wrong = '0' if right != '0' else '1'
    add(f + wrong, 'id_checksum,id_region', 'invented region and wrong check character')

with open('tests/data/id_numbers.tsv', 'w', encoding='utf-8') as out:
    out.write('# number\texpected codes (ok = valid)\twhy; made by tests/data/make_corpora.py\n')
    for r in rows:
        out.write('\t'.join(r) + '\n')
print(len(rows), 'ID numbers')

# ---- phones -----------------------------------------------------------------------------
phones = []


def phone(text, note):
    try:
        p = phonenumbers.parse(text, 'CN')
        mobile = (phonenumbers.is_valid_number(p)
                  and phonenumbers.number_type(p) == PhoneNumberType.MOBILE
                  and p.country_code == 86)
        national = str(p.national_number)
    except phonenumbers.NumberParseException:
        mobile = False
    phones.append((text, national if mobile else 'invalid', note))


prefixes = [l.strip() for l in open('data/cn_mobile_prefixes.txt') if l[0].isdigit()]
for p in prefixes:
    phone(p + ''.join(random.choice('0123456789') for _ in range(11 - len(p))), 'prefix ' + p)
for p in ['100', '101', '102', '110', '120', '123', '127', '140', '141', '142', '143', '144',
          '146', '148', '149', '154', '160', '161', '163', '164', '168', '169', '174', '179',
          '194', '1611', '17406', '17409', '1749']:
    phone(p + ''.join(random.choice('0123456789') for _ in range(11 - len(p))), 'prefix ' + p)
for t in ['12345678901', '10008501846', '13800138000', '1380013800', '138001380001',
          '23800138000', '01012345678', '057188888888']:
    phone(t, 'typed')
base = ['13800138000', '15912345678', '18612345678', '19912345678', '16612345678',
        '17712345678', '12345678901']
for n in base:
    for form in ['0086 {}', '(+86){}', '+86 {}', '+86-{}', '86{}', '{a}.{b}.{c}', '{a} {b} {c}',
                 '{a}-{b}-{c}', '(+86) {a}-{b}-{c}', '0086-{a}.{b}.{c}']:
        phone(form.format(n, a=n[:3], b=n[3:7], c=n[7:]), 'written form ' + form)
with open('tests/data/phone_numbers.tsv', 'w', encoding='utf-8') as out:
    out.write('# as written\texpected 11 digits (invalid = not a mainland mobile number)\twhy; '
              'verdicts by libphonenumber (phonenumbers 9.0.43), made by '
              'tests/data/make_corpora.py\n')
    for r in phones:
        out.write('\t'.join(r) + '\n')
print(len(phones), 'phone numbers')
