# An alignment that is not a power of two.
# 2.4.22: BUG() at bootmem.c:157 (added in 2.4.4.6). 2.6.12: BUG_ON at bootmem.c:159.
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
__alloc_bootmem(0x1000, 0x3000, 0)

# expect 2.4.22: bug mm/bootmem.c:157 at line 5
# expect 2.6.12: bug mm/bootmem.c:159 at line 5
# expect 2.5.68, 2.5.75: bug mm/bootmem.c:155 at line 5
# expect 2.5.71: bug mm/bootmem.c:159 at line 5
