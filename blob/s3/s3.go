// Package s3 keeps files in S3-compatible object storage (MinIO, Ceph RGW,
// a cloud provider's S3 API) through minio-go: for deployments whose files
// outgrow the database. Every node reaches the bucket; nothing is kept on
// the node.
//
// The store is named by a URL, s3://bucket/prefix; where the service is and
// how to sign in come from the environment (Parse):
//
//	MINSHENG_S3_ENDPOINT    https://host:port or http://host:port (default https://s3.amazonaws.com)
//	MINSHENG_S3_REGION      the region (default: AWS_REGION, else asked of the server)
//	MINSHENG_S3_ADDRESSING  path, virtual or auto (default auto: virtual-host on
//	                        Amazon and other providers known to want it, path-style elsewhere)
//	AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (or MINIO_ROOT_USER,
//	MINIO_ROOT_PASSWORD)
//
// A file is one object, written with If-None-Match: * so that of two nodes
// writing one name the first wins; a server that ignores the condition keeps
// the last, which holds the same content (names are keyed by content).
package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/minsheng/minsheng/blob"
)

// Config is where the bucket is and how to reach it.
type Config struct {
	// Endpoint is the service's URL, http:// or https://.
	Endpoint string
	Bucket   string
	// Prefix starts every object's key ("" or ending in '/').
	Prefix string
	Region string
	// Addressing is "path", "virtual" or "auto".
	Addressing string
	AccessKey  string
	SecretKey  string
	// SessionToken is for temporary credentials.
	SessionToken string
	// Transport, when set, carries the requests (tests).
	Transport http.RoundTripper
}

// Parse reads an s3://bucket/prefix URL and the environment through getenv.
func Parse(spec string, getenv func(string) string) (Config, error) {
	u, err := url.Parse(spec)
	if err != nil || u.Scheme != "s3" || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return Config{}, fmt.Errorf("blob/s3: %q: want s3://bucket/prefix (endpoint and keys from the environment)", spec)
	}
	cfg := Config{
		Endpoint:     getenv("MINSHENG_S3_ENDPOINT"),
		Bucket:       u.Host,
		Prefix:       strings.Trim(u.Path, "/"),
		Region:       getenv("MINSHENG_S3_REGION"),
		Addressing:   getenv("MINSHENG_S3_ADDRESSING"),
		AccessKey:    getenv("AWS_ACCESS_KEY_ID"),
		SecretKey:    getenv("AWS_SECRET_ACCESS_KEY"),
		SessionToken: getenv("AWS_SESSION_TOKEN"),
	}
	if cfg.Prefix != "" {
		cfg.Prefix += "/"
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = "https://s3.amazonaws.com"
	}
	if cfg.Region == "" {
		cfg.Region = getenv("AWS_REGION")
	}
	if cfg.AccessKey == "" {
		cfg.AccessKey, cfg.SecretKey = getenv("MINIO_ROOT_USER"), getenv("MINIO_ROOT_PASSWORD")
	}
	return cfg, nil
}

// Store keeps files as objects of a bucket.
type Store struct {
	c      *minio.Client
	bucket string
	prefix string
	where  string
}

// New connects to the bucket (it must exist).
func New(ctx context.Context, cfg Config) (*Store, error) {
	ep, err := url.Parse(cfg.Endpoint)
	if err != nil || (ep.Scheme != "http" && ep.Scheme != "https") || ep.Host == "" {
		return nil, fmt.Errorf("blob/s3: endpoint %q: want http://host[:port] or https://host[:port]", cfg.Endpoint)
	}
	lookup := minio.BucketLookupAuto
	switch cfg.Addressing {
	case "", "auto":
	case "path":
		lookup = minio.BucketLookupPath
	case "virtual", "virtual-host", "dns":
		lookup = minio.BucketLookupDNS
	default:
		return nil, fmt.Errorf("blob/s3: addressing %q: want path, virtual or auto", cfg.Addressing)
	}
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("blob/s3: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
	}
	c, err := minio.New(ep.Host, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, cfg.SessionToken),
		Secure:       ep.Scheme == "https",
		Region:       cfg.Region,
		BucketLookup: lookup,
		Transport:    cfg.Transport,
	})
	if err != nil {
		return nil, fmt.Errorf("blob/s3: %w", err)
	}
	s := &Store{c: c, bucket: cfg.Bucket, prefix: cfg.Prefix, where: "s3://" + cfg.Bucket + "/" + cfg.Prefix + " at " + ep.Host}
	ok, err := c.BucketExists(ctx, cfg.Bucket)
	if err != nil {
		return nil, fmt.Errorf("blob/s3: bucket %s: %w", cfg.Bucket, err)
	}
	if !ok {
		return nil, fmt.Errorf("blob/s3: bucket %s does not exist", cfg.Bucket)
	}
	return s, nil
}

func (s *Store) String() string { return s.where }

func (s *Store) key(name string) (string, error) {
	if err := blob.CheckName(name); err != nil {
		return "", err
	}
	return s.prefix + name, nil
}

// notFound reports an answer that says the object is not there.
func notFound(err error) bool {
	r := minio.ToErrorResponse(err)
	return r.StatusCode == http.StatusNotFound || r.Code == "NoSuchKey"
}

// Put sends the file as one request: uploads are at most some tens of MB,
// read whole, so the request has a length and a checksum.
func (s *Store) Put(ctx context.Context, name string, r io.Reader) error {
	key, err := s.key(name)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("blob/s3: %w", err)
	}
	opts := minio.PutObjectOptions{ContentType: "application/octet-stream", PartSize: 128 << 20, DisableMultipart: true, SendContentMd5: true}
	opts.SetMatchETagExcept("*")
	_, err = s.c.PutObject(ctx, s.bucket, key, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		if minio.ToErrorResponse(err).StatusCode == http.StatusPreconditionFailed {
			return nil // stored already: the first writer wins
		}
		return fmt.Errorf("blob/s3: put %s: %w", name, err)
	}
	return nil
}

func (s *Store) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	key, err := s.key(name)
	if err != nil {
		return nil, err
	}
	obj, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err == nil {
		// GetObject is lazy: Stat makes the request and tells a missing
		// object now rather than at the first Read.
		_, err = obj.Stat()
	}
	if err != nil {
		if obj != nil {
			obj.Close()
		}
		if notFound(err) {
			return nil, fmt.Errorf("%w: %s", blob.ErrNotExist, name)
		}
		return nil, fmt.Errorf("blob/s3: get %s: %w", name, err)
	}
	return obj, nil
}

func (s *Store) Stat(ctx context.Context, name string) (blob.Info, error) {
	key, err := s.key(name)
	if err != nil {
		return blob.Info{}, err
	}
	oi, err := s.c.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		if notFound(err) {
			return blob.Info{}, fmt.Errorf("%w: %s", blob.ErrNotExist, name)
		}
		return blob.Info{}, fmt.Errorf("blob/s3: stat %s: %w", name, err)
	}
	return blob.Info{Name: name, Size: oi.Size, Modified: oi.LastModified}, nil
}

func (s *Store) Delete(ctx context.Context, name string) error {
	key, err := s.key(name)
	if err != nil {
		return err
	}
	err = s.c.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
	if err != nil && !notFound(err) {
		return fmt.Errorf("blob/s3: delete %s: %w", name, err)
	}
	return nil
}

func (s *Store) Walk(ctx context.Context, prefix string, fn func(blob.Info) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing when fn ends the walk early
	for oi := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix + prefix, Recursive: true}) {
		if oi.Err != nil {
			return fmt.Errorf("blob/s3: list: %w", oi.Err)
		}
		name := strings.TrimPrefix(oi.Key, s.prefix)
		if blob.CheckName(name) != nil {
			continue
		}
		if err := fn(blob.Info{Name: name, Size: oi.Size, Modified: oi.LastModified}); err != nil {
			return err
		}
	}
	return nil
}

var _ blob.Store = (*Store)(nil)
