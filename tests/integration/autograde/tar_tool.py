"""Builds hostile or oversized upload bodies for the bridge tests.
Usage: tar_tool.py traversal|nometa|big|latin1|surrogate|beyond|clash OUT [SIZE]"""
import io
import sys
import tarfile

kind, out = sys.argv[1], sys.argv[2]
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT,
                  encoding="utf-8", errors="surrogateescape") as tar:
    def add(name, data):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    if kind == "traversal":
        add("submission_metadata.json", b"{}")
        add("submission/../../etc/evil", b"x")
    elif kind == "nometa":
        add("submission/main.py", b"print(1)")
    elif kind == "latin1":  # a file name that is not UTF-8 ("caf\xe9.py")
        add("submission_metadata.json", b"{}")
        add("submission/caf\udce9.py", b"x")
    elif kind == "surrogate":  # UTF-8 bytes of U+D800, which no file system name may hold
        add("submission_metadata.json", b"{}")
        add("submission/\udced\udca0\udc80.py", b"x")
    elif kind == "beyond":  # UTF-8-like bytes of U+110000, beyond Unicode
        add("submission_metadata.json", b"{}")
        add("submission/\udcf4\udc90\udc80\udc80.py", b"x")
    elif kind == "clash":  # 'a' both a file and a folder
        add("submission/a", b"x")
        add("submission/a/b", b"y")
    elif kind == "big":
        add("submission/big.bin", b"x" * int(sys.argv[3]))
open(out, "wb").write(buf.getvalue())
