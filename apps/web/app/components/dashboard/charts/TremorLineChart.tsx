import { LineChart } from "@tremor/react";

export interface LineChartProps {
  data: Array<Record<string, string | number | null>>;
  index: string;
  categories: string[];
  colors?: string[];
  valueFormatter?: (v: number) => string;
  heightClass: string;
  minValue?: number;
  maxValue?: number;
}

/** Loaded lazily (React.lazy) so Tremor/recharts only ship to pages that draw a chart. */
export default function TremorLineChart(props: LineChartProps) {
  const { heightClass, colors, ...rest } = props;
  return (
    <LineChart
      className={heightClass}
      colors={colors ?? ["blue", "emerald", "amber", "rose", "indigo", "gray"]}
      connectNulls
      showAnimation={false}
      yAxisWidth={52}
      {...rest}
    />
  );
}
