import{Ut as e}from"./index-DpKbYRqF.js";import{t}from"./gql-DlBShZ6L.js";var n=t=>[``,...e].includes(t),r=t(`
  query Pickers {
    departments(first: 100, where: { active: true }) { edges { node { id name } } }
    categories(first: 100, where: { active: true }) { edges { node { id name level deadlineDays department { id } } } }
  }
`),i=t(`
  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {
    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }
  }
`),a=t(`
  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {
    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }
  }
`),o=t(`
  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {
    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }
  }
`),s=t(`
  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {
    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }
  }
`),c=t(`
  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }
`),l=t(`
  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }
`),u=t(`
  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }
`),d=t(`
  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {
    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }
  }
`),f=t(`
  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {
    replyTicket(id: $id, input: $input) { id status replies { id at missing } }
  }
`),p=t(`
  query TicketsByCode($codes: [String!]) {
    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }
  }
`);export{d as a,a as c,l as d,n as f,i,f as l,p as n,o,s as r,r as s,c as t,u};