"""Abusive clients for the bridge's hardening test (tests/integration/test_autograde_bridge_abuse.sh).
Usage:
  bridge_attack.py slowloris PORT N SECONDS [ADDR...]
                                              N connections (from the ADDRs in turn; default
                                              127.0.0.1) trickling headers a byte at a time;
                                              prints "open K" once connected, "held H" (how many
                                              the server kept half a second later), then when it
                                              has closed all of them "closed after S"
  bridge_attack.py chunked PORT TOKEN BYTES   a chunked POST of BYTES zeros; prints the status
  bridge_attack.py gzip PORT TOKEN BYTES      a gzip body inflating to BYTES zeros; prints the status
  bridge_attack.py flood PORT TOKEN N [ADDR]  N small GETs over 8 keep-alive connections
                                              (from ADDR; default 127.0.0.1);
                                              prints {status: count} as JSON"""
import collections
import json
import socket
import sys
import time
import zlib


def connect(port, source="127.0.0.1"):
    return socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0))


def status_of(sock):
    data = b""
    while b"\r\n" not in data:
        try:
            part = sock.recv(4096)
        except ConnectionResetError:
            return "reset"
        if not part:
            return "closed" if not data else data.decode(errors="replace")
        data += part
    return data.split(b" ")[1].decode()


def still_open(s):
    try:
        s.send(b"X")  # one more byte of a header line that never ends
        return s.recv(1024) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def slowloris(port, n, seconds, sources):
    socks = []
    for i in range(n):
        try:
            s = connect(port, sources[i % len(sources)])
            s.sendall(b"GET /v1/runs/1 HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            s.setblocking(False)
            socks.append(s)
        except OSError:
            pass
    print("open", len(socks), flush=True)
    time.sleep(0.5)
    socks = [s for s in socks if still_open(s)]
    print("held", len(socks), flush=True)
    start = time.monotonic()
    while socks and time.monotonic() - start < seconds:
        socks = [s for s in socks if still_open(s)]
        time.sleep(0.2)
    print("closed after %.1f" % (time.monotonic() - start) if not socks
          else "still open %d" % len(socks), flush=True)


def post(port, token, headers, chunks):
    s = connect(port)
    head = "POST /v1/runs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n" \
           "Content-Type: application/x-tar\r\n%s\r\n" % (token, headers)
    try:
        s.sendall(head.encode())
        for chunk in chunks:
            s.sendall(chunk)
    except OSError:
        pass
    print(status_of(s), flush=True)


def chunked(port, token, total):
    block = b"\0" * (1 << 16)
    def chunks():
        sent = 0
        while sent < total:
            yield b"%x\r\n%s\r\n" % (len(block), block)
            sent += len(block)
        yield b"0\r\n\r\n"
    post(port, token, "Transfer-Encoding: chunked\r\n", chunks())


def gzip_bomb(port, token, total):
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    body = b"".join(z.compress(block) for _ in range(total >> 20)) + z.flush()
    print("compressed", len(body), file=sys.stderr)
    post(port, token, "Content-Encoding: gzip\r\nContent-Length: %d\r\n" % len(body), [body])


def flood(port, token, n, source):
    counts = collections.Counter()
    conns = [connect(port, source) for _ in range(8)]
    request = ("GET /v1/runs/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n"
               % token).encode()
    for i in range(n):
        s = conns[i % len(conns)]
        try:
            s.sendall(request)
            counts[read_response(s)] += 1
        except ConnectionAbortedError as answered:  # answered, then closed by the server
            counts[str(answered)] += 1
            conns[i % len(conns)] = connect(port, source)
        except OSError:
            counts["error"] += 1
            conns[i % len(conns)] = connect(port, source)
    print(json.dumps(counts))


def read_response(s):
    data = b""
    while b"\r\n\r\n" not in data:
        part = s.recv(4096)
        if not part:
            raise ConnectionResetError("closed")
        data += part
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        rest += s.recv(4096)
    status = head.split(b" ")[1].decode()
    if b"connection: close" in head.lower():
        raise ConnectionAbortedError(status)
    return status


kind = sys.argv[1]
port = int(sys.argv[2])
if kind == "slowloris":
    slowloris(port, int(sys.argv[3]), float(sys.argv[4]), sys.argv[5:] or ["127.0.0.1"])
elif kind == "chunked":
    chunked(port, sys.argv[3], int(sys.argv[4]))
elif kind == "gzip":
    gzip_bomb(port, sys.argv[3], int(sys.argv[4]))
elif kind == "flood":
    flood(port, sys.argv[3], int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else "127.0.0.1")
