# An alignment of three pages (0x3000), which is not a power of two.
# 2.4.0, 2.4.4: no check; the value goes into the masks as it is (bootmem.c:156, 158). The
#   scan steps by three pages: page 0 is reserved, so page 3: 0x3000. With goal
#   0x5000, (0x5000 + 0x2fff) & ~0x2fff is 0x5000, so the second call returns 0x5000,
#   which is no multiple of 0x3000.
# 2.4.5 to 2.4.22: BUG() (linux-history 2.4.4.6) at bootmem.c:155, 156 in 2.4.19, 157 in 2.4.22.
# 2.6.12: BUG_ON at bootmem.c:159; 2.6.16: BUG_ON at bootmem.c:167.
arch x86_64

init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
reserve_bootmem(0x0, 0x1000)
__alloc_bootmem(0x1000, 0x3000, 0)
__alloc_bootmem(0x1000, 0x3000, 0x5000)
# expect ..2.4.0: line 13 = 0x3000
# expect ..2.4.0: line 14 = 0x5000
# expect 2.4.22: bug mm/bootmem.c:157 at line 13
# expect 2.6.12: bug mm/bootmem.c:159 at line 13
# expect 2.6.16: bug mm/bootmem.c:167 at line 13
# expect ..2.4.4: line 13 = 0x3000
# expect ..2.4.4: line 14 = 0x5000
# expect 2.4.5..2.4.17: bug mm/bootmem.c:155 at line 13
# expect 2.4.19: bug mm/bootmem.c:156 at line 13
# expect 2.5.68, 2.5.75: bug mm/bootmem.c:155 at line 13
# expect 2.5.71: bug mm/bootmem.c:159 at line 13
# expect 2.6.0: bug mm/bootmem.c:155 at line 13
# expect 2.6.4: bug mm/bootmem.c:158 at line 13
# expect 2.6.7: bug mm/bootmem.c:153 at line 13
# expect 2.6.8..2.6.10: bug mm/bootmem.c:158 at line 13
# expect 2.6.11: bug mm/bootmem.c:159 at line 13
