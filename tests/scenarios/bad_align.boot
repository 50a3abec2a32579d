# An alignment that is not a power of two.
# 2.4.0, 2.4.4: 0x0. 2.4.5 to 2.4.22: BUG() at bootmem.c:155/156/157 (2.4.4.6). 2.6.12: BUG_ON at bootmem.c:159.
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
__alloc_bootmem(0x1000, 0x3000, 0)
# expect 2.4.22: bug mm/bootmem.c:157 at line 5
# expect 2.6.12: bug mm/bootmem.c:159 at line 5
# expect ..2.4.4: line 5 = 0x0
# expect 2.4.5..2.4.17: bug mm/bootmem.c:155 at line 5
# expect 2.4.19: bug mm/bootmem.c:156 at line 5
# expect 2.5.68, 2.5.75: bug mm/bootmem.c:155 at line 5
# expect 2.5.71: bug mm/bootmem.c:159 at line 5
# expect 2.6.0: bug mm/bootmem.c:155 at line 5
# expect 2.6.4: bug mm/bootmem.c:158 at line 5
# expect 2.6.7: bug mm/bootmem.c:153 at line 5
# expect 2.6.8..2.6.10: bug mm/bootmem.c:158 at line 5
# expect 2.6.11: bug mm/bootmem.c:159 at line 5
