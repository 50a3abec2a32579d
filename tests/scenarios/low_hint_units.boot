# __alloc_bootmem_low() with goals, on 2.6.16: the limit has been shifted to a pfn
# (0xfffff) when it is compared with last_success, a byte offset (bootmem.c:191-193).
# The hint is followed only while its byte offset is below 0xfffff, the first MiB:
# goal 0x40000 gives 0x40000; goal 0x20000 then follows the hint, 0x41000; goal
# 0x200000 gives 0x200000; goal 0x100000 then ignores the hint (0x200000 is not below
# 0xfffff) and returns 0x100000, where __alloc_bootmem() would have followed it to
# 0x201000.
# Every release before 2.6.16 lacks __alloc_bootmem_low() and stops at the first call.
arch x86_64

init_bootmem_node(0, 0x1000, 0x0, 0x1000)    # 16 MiB; bitmap just above it
free_bootmem_node(0, 0x0, 0x1000000)
__alloc_bootmem_low(0x1000, 0x1000, 0x40000)
__alloc_bootmem_low(0x1000, 0x1000, 0x20000)
__alloc_bootmem_low(0x1000, 0x1000, 0x200000)
__alloc_bootmem_low(0x1000, 0x1000, 0x100000)

# expect 2.6.16: line 13 = 0x40000
# expect 2.6.16: line 14 = 0x41000
# expect 2.6.16: line 15 = 0x200000
# expect 2.6.16: line 16 = 0x100000
# expect ..2.6.15: unavailable __alloc_bootmem_low at line 13
