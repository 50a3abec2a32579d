# The three round-ups that 8c0e33c1 "Use ALIGN to remove duplicate code" rewrote as
# ALIGN() in 2.6.13; include/linux/kernel.h:31 defines ALIGN(x,a) as the very same
# ((x)+(a)-1)&~((a)-1), so 2.6.12 and 2.6.13 (and 2.6.14, 2.6.15) must agree here.
# - mapsize (2.6.12 bootmem.c:60, 2.6.13:68): 65 pages need 9 bytes of bitmap, rounded
#   up to 16 on x86_64.
# - preferred (2.6.12:181, 2.6.13:189): a goal 0x5000 into the node, 16 KiB aligned,
#   starts the scan at index 8 (0x8000), not 5.
# - the sub-page merge offset (2.6.12:222, 2.6.13:230): after 100 bytes, a 64-byte
#   aligned request goes at offset 128 of the same page.
# The equivalence property test checks the same claim on random scenarios.
arch x86_64

init_bootmem_node(0, 0x100, 0x0, 0x41)           # = 16
free_bootmem_node(0, 0x0, 0x41000)
reserve_bootmem_node(0, 0x0, 0x1000)
__alloc_bootmem_node(0, 0x1000, 0x4000, 0x5000)  # 0x8000
__alloc_bootmem_node(0, 100, 64, 0)              # 0x1000: a fresh page, last_offset 100
__alloc_bootmem_node(0, 64, 64, 0)               # 0x1080: merged at ALIGN(100, 64)

# expect all: line 13 = 16
# expect all: line 16 = 0x8000
# expect all: line 17 = 0x1000
# expect all: line 18 = 0x1080
