import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A card title with its action beside it, wrapping under it on a phone instead of cutting the title. */
export function SectionTitle({ title, action }: { title: ReactNode; action?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {action}
    </Flex>
  );
}
