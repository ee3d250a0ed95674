"use client";
// Unsold leads per reason with the revenue left (two bars per reason, two axes); a click on a leads bar lists them.
import { useRouter } from "next/navigation";
import { Bar, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { humanize } from "@/components/format";

const usd0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export function GapChart({
  data,
  drillHref,
}: {
  data: { reason: string; leads: number; revenueLeft: number }[];
  drillHref: string;
}) {
  const router = useRouter();
  return (
    <figure aria-label="Unsold leads and revenue left, by reason" className="w-full">
      <div style={{ height: 280 }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="reason"
              tickFormatter={(r: string) => humanize(r)}
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={{ stroke: "#cbd5e1" }}
              interval={0}
            />
            <YAxis
              yAxisId="left"
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={false}
              width={44}
              allowDecimals={false}
            />
            <YAxis
              yAxisId="right"
              orientation="right"
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={false}
              width={64}
              tickFormatter={(v: number) => usd0.format(v)}
            />
            <Tooltip
              labelFormatter={(r) => humanize(String(r))}
              formatter={(value, name) => [
                name === "Revenue left" ? usd0.format(Number(value)) : String(value),
                String(name),
              ]}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="left"
              dataKey="leads"
              name="Unsold leads"
              fill="#94a3b8"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(d: { payload?: { reason?: string } }) =>
                d.payload?.reason && router.push(`${drillHref}&unsoldReason=${encodeURIComponent(d.payload.reason)}`)
              }
            />
            <Bar
              yAxisId="right"
              dataKey="revenueLeft"
              name="Revenue left"
              fill="#2f6fed"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
