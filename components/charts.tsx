"use client";
// Per-day (or, with x="minute", per-minute) charts (recharts). Series are described as data, so server pages can pass them.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = {
  key: string;
  label: string;
  color: string;
  type?: "bar" | "line";
  axis?: "left" | "right";
  money?: boolean;
  stack?: string;
};

const usd0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

function shortDay(day: string) {
  const d = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(d);
}

function shortTime(iso: string) {
  return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

/** `x`: the row key of the x axis, "day" (YYYY-MM-DD) or "minute" (an ISO instant, shown as local time). */
export function DailyChart({
  data,
  series,
  height = 260,
  label,
  x = "day",
}: {
  data: Record<string, string | number>[];
  series: Series[];
  height?: number;
  label: string;
  x?: "day" | "minute";
}) {
  const tick = x === "minute" ? shortTime : shortDay;
  const hasRight = series.some((s) => s.axis === "right");
  const leftMoney = series.some((s) => (s.axis ?? "left") === "left" && s.money);
  const rightMoney = series.some((s) => s.axis === "right" && s.money);
  return (
    <figure aria-label={label} className="w-full">
      <div style={{ height }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: hasRight ? 8 : 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey={x}
              tickFormatter={tick}
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={{ stroke: "#cbd5e1" }}
              minTickGap={16}
            />
            <YAxis
              yAxisId="left"
              tick={{ fontSize: 11, fill: "#64748b" }}
              tickLine={false}
              axisLine={false}
              width={leftMoney ? 64 : 36}
              allowDecimals={false}
              tickFormatter={(v: number) => (leftMoney ? usd0.format(v) : String(v))}
            />
            {hasRight && (
              <YAxis
                yAxisId="right"
                orientation="right"
                tick={{ fontSize: 11, fill: "#64748b" }}
                tickLine={false}
                axisLine={false}
                width={rightMoney ? 64 : 36}
                tickFormatter={(v: number) => (rightMoney ? usd0.format(v) : String(v))}
              />
            )}
            <Tooltip
              labelFormatter={(d) => tick(String(d))}
              formatter={(value, name) => {
                const s = series.find((x) => x.label === name);
                return [s?.money ? usd2.format(Number(value)) : String(value), String(name)];
              }}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) =>
              s.type === "line" ? (
                <Line
                  key={s.key}
                  yAxisId={s.axis ?? "left"}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              ) : (
                <Bar
                  key={s.key}
                  yAxisId={s.axis ?? "left"}
                  dataKey={s.key}
                  name={s.label}
                  fill={s.color}
                  stackId={s.stack}
                  radius={s.stack ? 0 : [3, 3, 0, 0]}
                  isAnimationActive={false}
                />
              ),
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
