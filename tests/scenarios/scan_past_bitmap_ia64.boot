# The same boot as scan_past_bitmap_partial_word on ia64 (16 KiB pages), whose
# __find_next_zero_bit() (arch/ia64/lib/bitop.c) never answers past size.
# 2.6.12: the answer is 100, bit 100 lies in the 0xff padding of the last long, the
#   scan ends, the node returns NULL, and __alloc_bootmem panics "Out of memory".
# 2.4.22 to 2.5.75: NULL, then "Out of memory".
arch ia64

init_bootmem_node(0, 0x200, 0x0, 0x64)
alloc_bootmem_node(0, 0x4000)

# expect 2.6.0..2.6.12: panic "Out of memory" at line 9
# expect 2.4.22: panic "Out of memory" at line 9
# expect 2.5.68..2.5.75: panic "Out of memory" at line 9
