// graphql-codegen: types for every GraphQL document in src/, from the
// server's schema files read from disk (no running server needed).
import type { CodegenConfig } from '@graphql-codegen/cli'

const config: CodegenConfig = {
  schema: ['../graph/*.graphqls', '../graph/ent.graphql'],
  documents: ['src/**/*.vue', 'src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          ID: 'string',
          Time: 'string',
          Date: 'string',
          Cursor: 'string',
          Upload: 'File',
          Map: 'Record<string, unknown>',
          Int64: 'number',
        },
      },
    },
  },
}

export default config
