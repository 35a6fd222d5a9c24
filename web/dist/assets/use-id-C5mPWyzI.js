import{C as e,D as t,E as n,_n as r,hn as i,ir as a,z as o}from"./index-C8G5G3Jk.js";var s={prefix:Math.floor(Math.random()*1e4),current:0},c=Symbol(`elIdInjection`),l=()=>i()?r(c,s):s,u=r=>{let i=l();!t&&i===s&&o(`IdInjection`,`Looks like you are using server rendering, you must provide a id provider to ensure the hydration process to be succeed
usage: app.provide(ID_INJECTION_KEY, {
  prefix: number,
  current: number,
})`);let c=e();return n(()=>a(r)||`${c.value}-id-${i.prefix}-${i.current++}`)};export{l as n,u as t};