# Certificates for the TLS tests, made with openssl: a throwaway CA and server certificates it
# signs for 127.0.0.1 and localhost. Source after ../lib.sh.

# make_ca DIR: DIR/ca.pem and DIR/ca.key.
make_ca() {
  mkdir -p "$1"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=cs351 test CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign" -keyout "$1/ca.key" -out "$1/ca.pem" 2>/dev/null
}

# make_cert DIR NAME: DIR/NAME.pem and DIR/NAME.key, signed by DIR's CA, each call a new key.
make_cert() {
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$2" \
    -keyout "$1/$2.key" -out "$1/$2.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$1/$2.ext"
  openssl x509 -req -in "$1/$2.csr" -CA "$1/ca.pem" -CAkey "$1/ca.key" -CAcreateserial -days 2 \
    -extfile "$1/$2.ext" -out "$1/$2.pem" 2>/dev/null
}

# fingerprint_of PEM; served_fingerprint PORT: the certificate in a file, and the one a TLS
# server on 127.0.0.1:PORT presents.
fingerprint_of() { openssl x509 -noout -fingerprint -sha256 -in "$1"; }
served_fingerprint() {
  openssl s_client -connect "127.0.0.1:$1" -servername localhost </dev/null 2>/dev/null |
    openssl x509 -noout -fingerprint -sha256
}
