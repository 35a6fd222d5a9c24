import{O as e,T as t,V as n,cr as r,k as i,xn as a,yn as o}from"./index-DSY8Pkfu.js";var s={prefix:Math.floor(Math.random()*1e4),current:0},c=Symbol(`elIdInjection`),l=()=>o()?a(c,s):s,u=a=>{let o=l();!i&&o===s&&n(`IdInjection`,`Looks like you are using server rendering, you must provide a id provider to ensure the hydration process to be succeed
usage: app.provide(ID_INJECTION_KEY, {
  prefix: number,
  current: number,
})`);let c=t();return e(()=>r(a)||`${c.value}-id-${o.prefix}-${o.current++}`)};export{l as n,u as t};