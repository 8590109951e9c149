#!/usr/bin/env python3
"""Shrinks a real Go ELF executable to what a build-info reader looks at, keeping offsets.

usage: make-skeleton.py BINARY OUT.gz

Every byte of the ELF header, the program and section header tables, the section name
table and the .go.buildinfo section is kept, and for the pre-1.18 format also the two
Go string headers that .go.buildinfo points to and the strings they point to. All other
bytes (code, other data) become zero, so the file keeps its size and layout but gzips
to a few KiB. 64-bit little-endian only (the binaries used here are linux/amd64).
"""
import gzip, struct, sys

src, out = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
keep = bytearray(len(data))

def mark(off, n):
    keep[off:off + n] = data[off:off + n]

assert data[:4] == b'\x7fELF' and data[4] == 2 and data[5] == 1
phoff, shoff = struct.unpack_from('<QQ', data, 0x20)
phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from('<HHHHH', data, 0x36)
mark(0, 64)
mark(phoff, phentsize * phnum)
mark(shoff, shentsize * shnum)
segs = [struct.unpack_from('<IIQQQQ', data, phoff + i * phentsize) for i in range(phnum)]
secs = [struct.unpack_from('<IIQQQQ', data, shoff + i * shentsize) for i in range(shnum)]
strtab = secs[shstrndx]
mark(strtab[4], strtab[5])

def name(s):
    start = strtab[4] + s[0]
    return data[start:data.index(b'\0', start)].decode()

def file_offset(vaddr):
    for ptype, flags, off, va, pa, filesz in segs:
        if ptype == 1 and va <= vaddr < va + filesz:
            return off + vaddr - va
    raise ValueError(hex(vaddr))

info = next(s for s in secs if name(s) == '.go.buildinfo')
mark(info[4], info[5])
head = data[info[4]:info[4] + 32]
if not head[15] & 2:  # pre-1.18: pointers to Go string headers {data, len}
    for ptr in struct.unpack_from('<QQ', head, 16):
        hdr = file_offset(ptr)
        mark(hdr, 16)
        addr, length = struct.unpack_from('<QQ', data, hdr)
        mark(file_offset(addr), length)
with gzip.open(out, 'wb', 9) as f:
    f.write(bytes(keep))
