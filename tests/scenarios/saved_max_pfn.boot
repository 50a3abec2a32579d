# saved_max_pfn, added by 92aa63a5 "kdump: Retrieve saved max pfn" (2.6.13), exists
# only with CONFIG_CRASH_DUMP=y (2.6.13-2.6.15 bootmem.c:36-42): a kdump kernel sets
# it from the "savemaxmem=" command line so that it can still read the memory of the
# kernel that crashed. Bootmem never reads it.
# Before 2.6.13: no such variable; the run stops at line 13 as unavailable.
# 2.6.13 on: the assignment runs and the final state shows 0x40000.
arch x86_64
config CONFIG_CRASH_DUMP=y

init_bootmem(0x100, 0x800)                       # the capture kernel's own 8 MiB
free_bootmem(0x0, 0x800000)
reserve_bootmem(0x0, 0x101000)
saved_max_pfn = 0x40000                          # the crashed kernel had 1 GiB
alloc_bootmem(0x1000)                            # 0x1000000 lies past the node: 0x101000

# expect ..2.6.12: unavailable saved_max_pfn at line 13
# expect 2.6.13..: line 14 = 0x101000
