package app

import (
	"context"
	"os"

	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/blob/s3"
)

// openS3 opens s3://bucket/prefix with the endpoint and credentials of the
// environment (see package blob/s3).
func openS3(ctx context.Context, spec string) (blob.Store, error) {
	cfg, err := s3.Parse(spec, os.Getenv)
	if err != nil {
		return nil, err
	}
	return s3.New(ctx, cfg)
}
