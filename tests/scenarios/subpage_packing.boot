# Small allocations share a page: the next one starts in the partial page the last one
# left, at last_offset rounded up to the alignment. The same in 2.4.22 and 2.6.12.
arch x86_64

init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
alloc_bootmem_low(100)                       # page 0, last_offset 100
alloc_bootmem_low(100)                       # same page at 128 (SMP_CACHE_BYTES 64)
alloc_bootmem_low(4000)                      # 228 + 4000 crosses into page 1
alloc_bootmem_low(8)                         # packs after it in page 1
alloc_bootmem_low_pages(0x1000)              # page alignment: a fresh page (2)
alloc_bootmem_low(5000)                      # 1 page + 904 bytes from page 3
alloc_bootmem_low(1)                         # packs at 960 of page 4

# expect all: line 7 = 0x0
# expect all: line 8 = 0x80
# expect all: line 9 = 0x100
# expect all: line 10 = 0x10c0
# expect all: line 11 = 0x2000
# expect all: line 12 = 0x3000
# expect all: line 13 = 0x43c0
