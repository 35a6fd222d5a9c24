package app

import (
	"context"
	"errors"

	"github.com/minsheng/minsheng/blob"
)

func openS3(ctx context.Context, spec string) (blob.Store, error) {
	return nil, errors.New("app: S3 is not built in yet")
}
