package directory

import (
	"context"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
)

// maxCategoryLevel is the depth of the category tree (e.g. 11 / 100 / 267).
const maxCategoryLevel = 3

// CreateDepartment adds a department to the caller's tenant.
func (s *Service) CreateDepartment(ctx context.Context, in ent.CreateDepartmentInput) (*ent.Department, error) {
	return s.client.Department.Create().SetInput(in).Save(ctx)
}

// UpdateDepartment changes a department; it cannot be moved under itself.
func (s *Service) UpdateDepartment(ctx context.Context, id int, in ent.UpdateDepartmentInput) (*ent.Department, error) {
	if in.ParentID != nil {
		if err := noCycle(id, *in.ParentID, func(id int) (*int, error) {
			d, err := s.client.Department.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return d.ParentID, nil
		}); err != nil {
			return nil, err
		}
	}
	return s.client.Department.UpdateOneID(id).SetInput(in).Save(ctx)
}

// CreateRegion adds a region to the caller's tenant.
func (s *Service) CreateRegion(ctx context.Context, in ent.CreateRegionInput) (*ent.Region, error) {
	return s.client.Region.Create().SetInput(in).Save(ctx)
}

// UpdateRegion changes a region; it cannot be moved inside itself.
func (s *Service) UpdateRegion(ctx context.Context, id int, in ent.UpdateRegionInput) (*ent.Region, error) {
	if in.ParentID != nil {
		if err := noCycle(id, *in.ParentID, func(id int) (*int, error) {
			r, err := s.client.Region.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return r.ParentID, nil
		}); err != nil {
			return nil, err
		}
	}
	return s.client.Region.UpdateOneID(id).SetInput(in).Save(ctx)
}

// CreateCategory adds a category one level below its parent, at most three
// levels deep.
func (s *Service) CreateCategory(ctx context.Context, in ent.CreateCategoryInput) (*ent.Category, error) {
	level := 1
	if in.ParentID != nil {
		p, err := s.client.Category.Get(ctx, *in.ParentID)
		if err != nil {
			return nil, err
		}
		level = p.Level + 1
	}
	if level > maxCategoryLevel {
		return nil, minsheng.Errorf(minsheng.EINVALID, "categories have at most %d levels", maxCategoryLevel)
	}
	return s.client.Category.Create().SetInput(in).SetLevel(level).Save(ctx)
}

// UpdateCategory changes a category's name, type, deadline or keywords; its
// place in the tree stays.
func (s *Service) UpdateCategory(ctx context.Context, id int, in ent.UpdateCategoryInput) (*ent.Category, error) {
	return s.client.Category.UpdateOneID(id).SetInput(in).Save(ctx)
}

// noCycle refuses making parent the parent of id when id is parent or one of
// its ancestors.
func noCycle(id, parent int, parentOf func(int) (*int, error)) error {
	for next, steps := &parent, 0; next != nil; steps++ {
		if *next == id || steps > 1000 {
			return minsheng.Errorf(minsheng.EINVALID, "cannot move an object under itself")
		}
		var err error
		if next, err = parentOf(*next); err != nil {
			return err
		}
	}
	return nil
}
