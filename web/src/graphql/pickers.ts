// The queries behind RemotePicker: one per list, each answering the first
// matches of what the user typed and, apart, the entries already chosen (so
// that a chosen entry keeps its name when it is not among the matches).
// The server filters (nameContains over the connection's `where`), so a
// tenant with hundreds of departments can still pick the last one.
import { graphql } from '../gql'

// One entry a picker offers.
export type Picked = { id: string; name: string; level?: number; department?: { id: string } | null }

export const PickDepartmentsQuery = graphql(`
  query PickDepartments($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {
    hits: departments(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }
    chosen: departments(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }
  }
`)

export const PickCategoriesQuery = graphql(`
  query PickCategories($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {
    hits: categories(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: CODE, direction: ASC }) { edges { node { id name level department { id } } } }
    chosen: categories(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name level department { id } } } }
  }
`)

// Regions a ticket's place, a parent or a watched place can be: the
// district's townships, streets and communities (grids are picked apart,
// under their community).
export const PickRegionsQuery = graphql(`
  query PickRegions($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {
    hits: regions(first: $first, where: { levelNEQ: GRID, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }
    chosen: regions(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }
  }
`)
