# free_all_words on i386: longs are 32 bits, so 2.6.12's whole-long blocks are order 5.
arch i386

init_bootmem(0x1ff, 0x200)                   # 512 pages; the bitmap in the last one
free_bootmem(0x0, 0x200000)
reserve_bootmem(0x41000, 0x3000)
reserve_bootmem(0x1ff000, 0x1000)            # the bitmap page
reserve_bootmem(0x180000, 0x40000)
free_all_bootmem()

# expect all: line 9 = 445
