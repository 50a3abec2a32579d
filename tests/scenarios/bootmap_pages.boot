# bootmem_bootmap_pages() rounds a bitmap of `pages` bits up to whole pages, and
# init_bootmem() returns the bitmap size rounded up to a whole long only.
arch i386

bootmem_bootmap_pages(0)
bootmem_bootmap_pages(1)
bootmem_bootmap_pages(0x8000)                # exactly one page of bitmap
bootmem_bootmap_pages(0x8001)
bootmem_bootmap_pages(0xffffffff)            # (pages + 7) wraps at 32 bits: 0 pages
init_bootmem(0x10, 0x21)                     # 33 bits: 5 bytes, rounded to 8

# expect all: line 7 = 1
# expect all: line 9 = 0
# expect all: line 10 = 8
