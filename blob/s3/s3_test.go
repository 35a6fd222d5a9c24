package s3_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/blob/blobtest"
	"github.com/minsheng/minsheng/blob/s3"
)

// Server is a real S3 protocol server (gofakes3, in memory) for one test,
// with the bucket "files". virtual makes it take the bucket from the host
// name only (virtual-host addressing).
func server(t testing.TB, virtual bool) (endpoint string, transport http.RoundTripper) {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("files"); err != nil {
		t.Fatal(err)
	}
	var opts []gofakes3.Option
	if virtual {
		opts = append(opts, gofakes3.WithHostBucket(true))
	}
	srv := httptest.NewServer(gofakes3.New(backend, opts...).Server())
	t.Cleanup(srv.Close)
	if !virtual {
		return srv.URL, nil
	}
	// Every host name (files.s3.test:port) is dialled at the server, as a
	// wildcard DNS record would.
	addr := srv.Listener.Addr().String()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	_, port, _ := net.SplitHostPort(addr)
	return "http://s3.test:" + port, tr
}

func open(t *testing.T, virtual bool) blobtest.Backend {
	endpoint, tr := server(t, virtual)
	addressing := "path"
	if virtual {
		addressing = "virtual"
	}
	s, err := s3.New(context.Background(), s3.Config{
		Endpoint: endpoint, Bucket: "files", Prefix: "minsheng/", Region: "us-east-1",
		Addressing: addressing, AccessKey: "test", SecretKey: "test-secret", Transport: tr,
	})
	if err != nil {
		t.Fatal(err)
	}
	// Damage replaces the object by other bytes, as a faulty disk or a
	// careless operator of the object store would.
	rewrite := func(t *testing.T, name string, change func([]byte) []byte) {
		ctx := context.Background()
		data, err := blob.ReadAll(ctx, s, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx, name); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(ctx, name, bytes.NewReader(change(data))); err != nil {
			t.Fatal(err)
		}
	}
	return blobtest.Backend{
		Store: s,
		Damage: func(t *testing.T, name string) {
			rewrite(t, name, func(b []byte) []byte { b[len(b)/2] ^= 1; return b })
		},
		Truncate: func(t *testing.T, name string, n int) { rewrite(t, name, func(b []byte) []byte { return b[:n] }) },
	}
}

func TestContractPathStyle(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blobtest.Backend { return open(t, false) })
}

func TestContractVirtualHost(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blobtest.Backend { return open(t, true) })
}

func TestParse(t *testing.T) {
	env := map[string]string{"MINSHENG_S3_ENDPOINT": "http://minio:9000", "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s", "AWS_REGION": "cn-north-1"}
	cfg, err := s3.Parse("s3://bucket/a/b/", func(k string) string { return env[k] })
	if err != nil || cfg.Bucket != "bucket" || cfg.Prefix != "a/b/" || cfg.Endpoint != "http://minio:9000" || cfg.Region != "cn-north-1" || cfg.AccessKey != "k" {
		t.Errorf("parse: %+v %v", cfg, err)
	}
	for _, bad := range []string{"s3://", "http://b/p", "s3://k:s@b/p", "s3://b/p?x=1"} {
		if _, err := s3.Parse(bad, func(string) string { return "" }); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := s3.New(context.Background(), s3.Config{Endpoint: "http://x", Bucket: "b"}); err == nil {
		t.Error("a store without credentials was opened")
	}
}
