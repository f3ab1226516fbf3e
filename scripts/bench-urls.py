#!/usr/bin/env python3
"""bench-urls.py IMAGE IMAGE_ID OUTDIR: write the URL lists scripts/bench feeds to wrk.

Level geometry is read from the TIFF's IFDs (full resolution first), or for a JPEG 2000 file from
its SIZ and COD markers (resolution levels down to the first that fits in a 256x256 tile, as
both servers serve them), so the lists do not depend on the server being measured. Lists (request paths, shuffled with a fixed seed):
  jtl.txt    IIP  /fcgi-bin/iipsrv.fcgi?FIF=ID&JTL=r,t          every tile of every level
  iiif3.txt  IIIF /iiif/ID/x,y,w,h/w,h/0/default.jpg             as OpenSeadragon sends for v3
  iiif2.txt  IIIF /iiif/ID/x,y,w,h/w,/0/default.jpg              as OpenSeadragon sends for v2
  dz.txt     DeepZoom ?DeepZoom=ID_files/L/x_y.jpg               every tile of every level
  mix.txt    85% iiif3 tiles, 10% thumbnails full/!200,200, 5% 1000px-wide views of random regions
  export.txt 50 random regions (1/8 to 1/2 of the width) as 1000px-wide views  x,y,w,h/1000,
  study.txt  the IIIF HTJ2K study mix: 4096px : 1024px : 128px thumbnails : random regions :
             aligned tiles, weighted 1:4:20:8:8 (full/!4096,4096  full/!1024,1024  full/!128,128
             x,y,w,h/!1024,1024  and OpenSeadragon v3 tiles), 4100 requests
  thumbs.txt thumbnails full/!s,s for s = 100..400
  warm.txt   200 of the iiif3 tiles: cycled, all but the first pass are tile-cache hits
  warm-jtl.txt  the same for 200 JTL tiles (iipsrv 1.1 caches JTL tiles, not IIIF regions)
  cvt.txt    IIP  ?FIF=ID&RGN=x,y,w,h&WID=1000&CVT=jpeg          1000px renditions of random regions
"""
import math
import os
import random
import struct
import sys


def tiff_levels(path):
    """[(width, height, tile_w, tile_h)] for every tiled IFD (classic or BigTIFF)."""
    with open(path, "rb") as f:
        data = f.read()
    e = {b"II": "<", b"MM": ">"}[data[:2]]
    magic = struct.unpack(e + "H", data[2:4])[0]
    big = magic == 43
    if big:
        off = struct.unpack(e + "Q", data[8:16])[0]
    else:
        off = struct.unpack(e + "I", data[4:8])[0]
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8, 18: 8}
    levels = []
    while off:
        if big:
            n = struct.unpack(e + "Q", data[off:off + 8])[0]; p = off + 8; esz = 20
        else:
            n = struct.unpack(e + "H", data[off:off + 2])[0]; p = off + 2; esz = 12
        tags = {}
        for i in range(n):
            ent = data[p + i * esz:p + (i + 1) * esz]
            tag, typ = struct.unpack(e + "HH", ent[:4])
            if typ in (3, 4, 16) and tag in (256, 257, 322, 323):
                fmt = {3: "H", 4: "I", 16: "Q"}[typ]
                valoff = 12 if big else 8
                tags[tag] = struct.unpack(e + fmt, ent[valoff:valoff + sizes[typ]])[0]
        p += n * esz
        off = struct.unpack(e + ("Q" if big else "I"), data[p:p + (8 if big else 4)])[0]
        if 322 in tags:
            levels.append((tags[256], tags[257], tags[322], tags.get(323, tags[322])))
    return levels


def jp2_levels(path, tile=256):
    """[(width, height, tile, tile)] of a JP2 file or raw codestream, full resolution first."""
    with open(path, "rb") as f:
        data = f.read(1 << 20)  # the main header sits near the start
    soc = data.find(b"\xff\x4f\xff\x51")
    if soc < 0:
        raise SystemExit(path + ": no JPEG 2000 codestream header found")
    siz = soc + 2
    xs, ys, xo, yo = struct.unpack(">IIII", data[siz + 6:siz + 22])
    cod = data.find(b"\xff\x52", siz)
    decomps = data[cod + 9]  # marker(2) Lcod(2) Scod(1) SGcod(4), then SPcod: decomposition levels
    levels = []
    for r in range(decomps + 1):
        w = -(-xs // (1 << r)) - (-(-xo // (1 << r)))
        h = -(-ys // (1 << r)) - (-(-yo // (1 << r)))
        levels.append((w, h, tile, tile))
        if w <= tile and h <= tile:
            break
    return levels


def jpeg_levels(path, tile=256):
    """[(width, height, tile, tile)] of a plain JPEG: DCT scales 1/1 to 1/8, down to one tile."""
    with open(path, "rb") as f:
        data = f.read(1 << 20)
    p = 2
    while p + 4 <= len(data):
        marker, length = data[p + 1], struct.unpack(">H", data[p + 2:p + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[p + 5:p + 9])
            levels = []
            for k in range(4):
                d = 1 << k
                levels.append((-(-w // d), -(-h // d), tile, tile))
                if levels[-1][0] <= tile and levels[-1][1] <= tile:
                    break
            return levels
        p += 2 + length
    raise SystemExit(path + ": no JPEG frame header found")


def main():
    tif, img, out = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(tif, "rb") as f:
        magic = f.read(12)
    jp2 = magic.startswith(b"\x00\x00\x00\x0cjP  ") or magic.startswith(b"\xff\x4f\xff\x51")
    jpeg = magic.startswith(b"\xff\xd8\xff")
    levels = jp2_levels(tif) if jp2 else jpeg_levels(tif) if jpeg else tiff_levels(tif)
    W, H, TW, TH = levels[0]
    n = len(levels)
    iip = "/fcgi-bin/iipsrv.fcgi"
    rnd = random.Random(4242)
    lists = {"jtl": [], "iiif3": [], "iiif2": [], "dz": []}
    dz_top = math.ceil(math.log2(max(W, H)))
    for k, (lw, lh, tw, th) in enumerate(levels):  # k = halvings from full resolution
        r = n - 1 - k
        cols, rows = -(-lw // tw), -(-lh // th)
        for y in range(rows):
            for x in range(cols):
                lists["jtl"].append(f"{iip}?FIF={img}&JTL={r},{y * cols + x}")
                lists["dz"].append(f"{iip}?DeepZoom={img}_files/{dz_top - k}/{x}_{y}.jpg")
    # OpenSeadragon's IIIFTileSource: levels from scaleFactors 1..2^(n-1), ceil-rounded sizes
    max_level = n - 1
    for level in range(max_level + 1):
        scale = 0.5 ** (max_level - level)
        lw, lh = math.ceil(W * scale), math.ceil(H * scale)
        if lw < TW and lh < TH:
            lists["iiif3"].append(f"/iiif/{img}/full/{lw},{lh}/0/default.jpg")
            lists["iiif2"].append(f"/iiif/{img}/full/{lw},/0/default.jpg")
            continue
        rtw, rth = math.ceil(TW / scale), math.ceil(TH / scale)
        for y in range(math.ceil(scale * H / TH)):
            for x in range(math.ceil(scale * W / TW)):
                rx, ry = x * rtw, y * rth
                rw, rh = min(rtw, W - rx), min(rth, H - ry)
                sw, sh = math.ceil(rw * scale), math.ceil(rh * scale)
                lists["iiif3"].append(f"/iiif/{img}/{rx},{ry},{rw},{rh}/{sw},{sh}/0/default.jpg")
                lists["iiif2"].append(f"/iiif/{img}/{rx},{ry},{rw},{rh}/{sw},/0/default.jpg")
    mix = []
    tiles = lists["iiif3"]
    for i in range(4000):
        u = rnd.random()
        if u < 0.85:
            mix.append(rnd.choice(tiles))
        elif u < 0.95:
            mix.append(f"/iiif/{img}/full/!200,200/0/default.jpg")
        else:
            w = rnd.randint(W // 8, W // 2); h = min(H, int(w * rnd.uniform(0.5, 1.0)))
            x = rnd.randint(0, W - w); y = rnd.randint(0, H - h)
            mix.append(f"/iiif/{img}/{x},{y},{w},{h}/1000,/0/default.jpg")
    lists["mix"] = mix
    ex = random.Random(777)
    export = []
    for i in range(50):
        w = ex.randint(W // 8, W // 2); h = min(H, int(w * ex.uniform(0.5, 1.0)))
        x = ex.randint(0, W - w); y = ex.randint(0, H - h)
        export.append(f"/iiif/{img}/{x},{y},{w},{h}/1000,/0/default.jpg")
    lists["export"] = export
    st = random.Random(1024)
    kinds = ["4096"] * 1 + ["1024"] * 4 + ["128"] * 20 + ["region"] * 8 + ["tile"] * 8
    study = []
    for i in range(4100):
        k = st.choice(kinds)
        if k == "region":
            # at least 1024 px on one side: !1024,1024 must not enlarge (IIIF 3 refuses that with 400)
            w = st.randint(min(1024, W), max(min(1024, W), W // 2)); h = min(H, int(w * st.uniform(0.5, 1.5)))
            x = st.randint(0, W - w); y = st.randint(0, H - h)
            study.append(f"/iiif/{img}/{x},{y},{w},{h}/!1024,1024/0/default.jpg")
        elif k == "tile":
            study.append(st.choice(tiles))
        else:
            study.append(f"/iiif/{img}/full/!{k},{k}/0/default.jpg")
    lists["study"] = study
    # thumbnails of the whole image, as collection pages request them
    lists["thumbs"] = [f"/iiif/{img}/full/!{s},{s}/0/default.jpg" for s in (100, 150, 200, 300, 400)] * 20
    cvt = []
    for i in range(500):
        fw = rnd.uniform(0.125, 0.5); fh = min(1.0, fw * rnd.uniform(0.5, 1.0))
        fx = rnd.uniform(0, 1 - fw); fy = rnd.uniform(0, 1 - fh)
        cvt.append(f"{iip}?FIF={img}&RGN={fx:.4f},{fy:.4f},{fw:.4f},{fh:.4f}&WID=1000&CVT=jpeg")
    lists["cvt"] = cvt
    os.makedirs(out, exist_ok=True)
    for name, urls in lists.items():
        if name not in ("mix", "export", "study"):
            rnd.shuffle(urls)
        with open(os.path.join(out, name + ".txt"), "w") as f:
            f.write("\n".join(urls) + "\n")
    # 200 of the v3 tiles, cycled: after the first pass every request is a cache hit (warm)
    for name, source in (("warm", "iiif3"), ("warm-jtl", "jtl")):
        lists[name] = lists[source][:200]
        with open(os.path.join(out, name + ".txt"), "w") as f:
            f.write("\n".join(lists[name]) + "\n")
    with open(os.path.join(out, "levels.txt"), "w") as f:
        for k, lv in enumerate(levels):
            f.write("%d %d %d %d %d\n" % ((k,) + lv))
    print(f"{img}: {W}x{H}, {n} levels; " + ", ".join(f"{k}={len(v)}" for k, v in lists.items()))


if __name__ == "__main__":
    main()
