# The bitmap lives in memory: a memset() by other boot code over it frees every page
# it covers, and the allocator believes it.
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x10000)                   # pages 0-0xf free
memset(0x100002, 0, 1)                       # bits 0x10-0x17 cleared behind bootmem's back
__alloc_bootmem(0x8000, 0x1000, 0x10000)

# expect all: line 6 = 0x10000
