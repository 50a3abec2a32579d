# The example of the scenario-language spec: two nodes, node 1 initialised first,
# so node 0 heads pgdat_list. Node 1's first two pages hold its own bitmap.
arch x86_64

init_bootmem_node(1, 0x200, 0x200, 0x400)   # nid, freepfn (bitmap), startpfn, endpfn
init_bootmem_node(0, 0x1f0, 0x0, 0x200)
free_bootmem_node(1, 0x200000, 0x200000)
reserve_bootmem_node(1, 0x200000, 0x1000)    # the node-1 bitmap page
__alloc_bootmem_node(0, 4096, 4096, 0)
free_all_bootmem_node(1)

# expect 2.6.15..: completes
