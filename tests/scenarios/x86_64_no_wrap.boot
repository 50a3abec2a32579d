# i386_wrap on x86_64 at the same addresses: nothing wraps, so `end` is 0x100001 and
# reserve_bootmem_core's BUG_ON(end > node_low_pfn) fires (2.4.22 bootmem.c:97,
# 2.6.12 bootmem.c:94).
arch x86_64

init_bootmem_node(0, 0x100, 0xfff00, 0x100000)
free_bootmem_node(0, 0xfff00000, 0xff000)
reserve_bootmem_node(0, 0xfffff000, 0x2000)

# expect 2.4.22: bug mm/bootmem.c:97 at line 8
# expect 2.6.0..2.6.4: bug mm/bootmem.c:92 at line 8
# expect 2.6.7: bug mm/bootmem.c:88 at line 8
# expect 2.6.8..2.6.10: bug mm/bootmem.c:93 at line 8
# expect 2.6.11: bug mm/bootmem.c:94 at line 8
# expect 2.6.12: bug mm/bootmem.c:94 at line 8
# expect 2.5.68..2.5.71: bug mm/bootmem.c:96 at line 8
# expect 2.5.75: bug mm/bootmem.c:92 at line 8
