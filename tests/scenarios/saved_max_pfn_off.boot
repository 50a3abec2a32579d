# saved_max_pfn without CONFIG_CRASH_DUMP: 2.6.13 on declare it only under
# #ifdef CONFIG_CRASH_DUMP (bootmem.c:36-42, bootmem.h:25-27), so the assignment does
# not exist in any release here; the run stops at line 10 as unavailable, naming
# 2.6.13, 92aa63a5 and the option. See saved_max_pfn for the same with the option on.
arch x86_64

init_bootmem(0x100, 0x800)
free_bootmem(0x0, 0x800000)
reserve_bootmem(0x0, 0x101000)
saved_max_pfn = 0x40000
alloc_bootmem(0x1000)

# expect all: unavailable saved_max_pfn at line 10
