import { BarChart } from "@tremor/react";

export interface BarChartProps {
  data: Array<Record<string, string | number | null>>;
  index: string;
  categories: string[];
  colors?: string[];
  valueFormatter?: (v: number) => string;
  heightClass: string;
  layout?: "horizontal" | "vertical";
}

/** Loaded lazily (React.lazy) so Tremor/recharts only ship to pages that draw a chart. */
export default function TremorBarChart({ data, index, categories, colors, valueFormatter, heightClass, layout }: BarChartProps) {
  return (
    <BarChart
      className={heightClass}
      data={data}
      index={index}
      categories={categories}
      colors={colors ?? ["blue"]}
      valueFormatter={valueFormatter}
      layout={layout}
      showLegend={categories.length > 1}
      yAxisWidth={layout === "vertical" ? 120 : 40}
      showAnimation={false}
    />
  );
}
